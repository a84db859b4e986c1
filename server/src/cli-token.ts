import { parseArgs } from 'node:util';
import { isValidRoomId } from '@plenary/protocol';
import { UsageError } from './cli-usage.js';
import { parseConfig } from './config.js';
import { invitePath, issueInvite } from './invite.js';
import { inviteBaseUrl } from './invite-base-url.js';
import { loadSecret } from './secret.js';
import { openStorage } from './storage/open-storage.js';
import type { Storage } from './storage/storage.js';
import { ANY_ROOM, parseTtl, ROLES, type Role, TokenAuthority } from './tokens.js';

/**
 * Why a token for `room` will not open a stored room, with how to get one, or null when the
 * room is stored and active. A token for a room that does not exist still opens it, empty
 * (DESIGN §4 "Rooms"); one for an archived or deleted room is refused with 4404.
 */
async function roomWarning(storage: Storage, room: string): Promise<string | null> {
  if (room === ANY_ROOM) return null;
  const status = await storage.getRoomStatus(room);
  if (status !== 'active') {
    return (
      `room "${room}" is ${status}: the token will not open it, and its id cannot be used again; ` +
      `create a room under another id: pnpm -s plenary rooms create --id <new-id> --title "…" [--template ID]`
    );
  }
  if (await storage.getRoom(room)) return null;
  return (
    `room "${room}" does not exist: the token opens it empty, without a title or template; ` +
    `create it first: pnpm -s plenary rooms create --id ${room} --title "…" [--template ID]`
  );
}

/**
 * `plenary token`: mints a token and records it in the room's access list. Prints the token
 * and the invite link on two lines, or with `--json` one JSON object and nothing else; a
 * warning about the room (missing, archived, deleted) goes to stderr, and the token is
 * printed all the same.
 */
export async function tokenCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      room: { type: 'string' },
      delegation: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string', default: '14d' },
      json: { type: 'boolean', default: false },
    },
  });
  const room = values.room;
  if (!room || (room !== ANY_ROOM && !isValidRoomId(room))) {
    throw new UsageError(
      `--room must be a room id (1–64 of A-Z a-z 0-9 _ -) or '*', got ${JSON.stringify(room ?? '')}`,
    );
  }
  const delegation = values.delegation?.trim();
  if (!delegation) throw new UsageError('--delegation is required');
  const role = values.role as Role;
  if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  let ttlSeconds: number;
  try {
    ttlSeconds = parseTtl(values.ttl ?? '14d');
  } catch (error) {
    throw new UsageError(`--ttl: ${(error as Error).message}`);
  }
  const config = parseConfig(process.env);
  // Read before anything is written, so that an unreadable server record changes nothing.
  const base = inviteBaseUrl(process.env, config);
  const tokens = new TokenAuthority(loadSecret(config.dataDir, config.secret));
  const claims = {
    room,
    delegation,
    role,
    ttlSeconds,
    ...(values.name ? { name: values.name } : {}),
    ...(values.sub ? { person: values.sub } : {}),
  };
  // Room tokens are recorded in the room's access list (and get a person id when none is given).
  const storage = openStorage(config);
  let minted: Awaited<ReturnType<typeof issueInvite>>;
  let warning: string | null;
  try {
    await storage.migrate();
    warning = await roomWarning(storage, room);
    minted = await issueInvite({ storage, tokens }, claims, 'operator');
  } finally {
    await storage.close();
  }
  const invite = room === ANY_ROOM ? `${base.url}/` : `${base.url}${invitePath(room, minted.token)}`;
  for (const text of [base.warning, warning]) if (text) console.error(`plenary: warning: ${text}`);
  if (values.json) {
    const json = {
      token: minted.token,
      invite,
      room,
      delegation,
      role,
      name: values.name ?? delegation,
      person: minted.person,
      expiresAt: new Date(minted.expiresAt * 1000).toISOString(),
      warning,
    };
    console.log(JSON.stringify(json));
  } else {
    console.log(minted.token);
    console.log(invite);
  }
}

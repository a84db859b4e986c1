import { parseArgs } from 'node:util';
import { databaseFile } from './backup.js';
import { UsageError } from './cli-usage.js';
import { parseConfig } from './config.js';
import { HttpError } from './errors.js';
import { invitePath } from './invite.js';
import { inviteBaseUrl } from './invite-base-url.js';
import { type CreateRoomRequest, createRoom, parseCreateRoomRequest } from './room-creation.js';
import { loadSecret } from './secret.js';
import { runningServer, type ServerRecord, serverRecordFile } from './server-record.js';
import { openStorage } from './storage/open-storage.js';
import { SqliteStorage } from './storage/sqlite.js';
import { TokenAuthority } from './tokens.js';

/** How long the operator token the CLI creates a room with over HTTP lasts. */
const CLI_OPERATOR_TTL_SECONDS = 60;

/** A room the CLI created, and where: through the running server or in the database. */
interface Created {
  readonly id: string;
  readonly title: string;
  readonly symbol: string | null;
  readonly template: string | null;
  readonly token: string;
  readonly through: string;
}

/** `plenary rooms [--json]`: the stored rooms, one a line (id, last change, symbol, title). */
async function listRooms(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  const config = parseConfig(process.env);
  const storage = openStorage(config);
  try {
    await storage.migrate();
    const list = await storage.listRooms();
    if (values.json) console.log(JSON.stringify(list));
    else if (list.length === 0) console.log('no rooms');
    else
      for (const r of list)
        console.log(`${r.id}\t${new Date(r.updatedAt).toISOString()}\t${r.symbol ?? ''}\t${r.title}`);
  } finally {
    await storage.close();
  }
}

/** A refusal of the creation: bad input is a usage error (exit 2), anything else exit 1. */
function refusal(status: number, message: string): Error {
  return status === 400 ? new UsageError(message) : new Error(message);
}

/**
 * Creates the room through the running server's `POST /api/rooms`, with a short-lived operator
 * token (creation may be closed to anyone else), so the server checks the id against the rooms
 * it has open and serves the new room at once.
 */
async function createThroughServer(
  server: ServerRecord & { readonly pid: number },
  tokens: TokenAuthority,
  request: CreateRoomRequest,
  recordFile: string,
): Promise<Created> {
  const operator = await tokens.issue({
    room: '*',
    delegation: 'Secretariat',
    role: 'chair',
    ttlSeconds: CLI_OPERATOR_TTL_SECONDS,
  });
  let response: Response;
  try {
    response = await fetch(`${server.localUrl}/api/rooms`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new Error(
      `the Plenary server (pid ${server.pid}) recorded in ${recordFile} does not answer at ${server.localUrl} (${cause}); ` +
        `if no Plenary server runs on this data dir, remove ${recordFile}`,
    );
  }
  const body = (await response.json().catch(() => null)) as {
    room?: { id: string; title: string; symbol: string | null; template: string | null };
    token?: string;
    error?: { message?: string };
  } | null;
  if (response.status === 401) {
    throw new Error(
      `the server at ${server.localUrl} refused the CLI's operator token: run the CLI with the server's PLENARY_SECRET`,
    );
  }
  if (response.status !== 201 || !body?.room || !body.token) {
    throw refusal(response.status, body?.error?.message ?? `the server answered ${response.status}`);
  }
  const { id, title, symbol, template } = body.room;
  return { id, title, symbol, template, token: body.token, through: `through the server at ${server.localUrl}` };
}

/**
 * Creates the room in the database directly; only while no server runs on the data dir, whose
 * open rooms would not know of it. SQLite's own locking keeps the writes whole should a server
 * start meanwhile.
 */
async function createInStorage(dataDir: string, tokens: TokenAuthority, request: CreateRoomRequest): Promise<Created> {
  const storage = new SqliteStorage({ file: databaseFile(dataDir) });
  try {
    await storage.migrate();
    const { record, chair } = await createRoom({ storage, tokens, isLoaded: async () => false }, request);
    return {
      id: record.id,
      title: record.title,
      symbol: record.symbol,
      template: record.template,
      token: chair.token,
      through: `in ${dataDir}`,
    };
  } catch (error) {
    if (error instanceof HttpError) throw refusal(error.status, error.message);
    throw error;
  } finally {
    await storage.close();
  }
}

/**
 * `plenary rooms create --title T [--template ID] [--id ID] [--symbol S] [--delegation D]
 * [--name N] [--json]`: creates a room as `POST /api/rooms` does, through the running server
 * when one runs on the data dir (`<dataDir>/server.json`), otherwise in the database. Prints the
 * creator's chair token and invite link on two lines, or one JSON object with `--json`.
 */
async function createCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      title: { type: 'string' },
      template: { type: 'string' },
      id: { type: 'string' },
      symbol: { type: 'string' },
      delegation: { type: 'string' },
      name: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (values.title === undefined) throw new UsageError('--title is required');
  const { json, ...fields } = values;
  let request: CreateRoomRequest;
  try {
    request = parseCreateRoomRequest(fields);
  } catch (error) {
    throw new UsageError(`--${(error as Error).message}`);
  }
  const config = parseConfig(process.env);
  const tokens = new TokenAuthority(loadSecret(config.dataDir, config.secret));
  const base = inviteBaseUrl(process.env, config);
  const server = runningServer(config.dataDir);
  const created = server
    ? await createThroughServer(server, tokens, request, serverRecordFile(config.dataDir))
    : await createInStorage(config.dataDir, tokens, request);
  const invite = `${base.url}${invitePath(created.id, created.token)}`;
  if (base.warning) console.error(`plenary: warning: ${base.warning}`);
  console.error(
    `plenary: created room ${created.id} ("${created.title}", template ${created.template}) ${created.through}`,
  );
  if (json) {
    const chair = await tokens.verify(created.token);
    console.log(
      JSON.stringify({
        room: created.id,
        title: created.title,
        symbol: created.symbol,
        template: created.template,
        token: created.token,
        invite,
        delegation: chair.delegation,
        name: chair.name,
        person: chair.person,
        expiresAt: new Date(chair.exp * 1000).toISOString(),
      }),
    );
  } else {
    console.log(created.token);
    console.log(invite);
  }
}

/** `plenary rooms …`: `rooms [--json]` lists the stored rooms, `rooms create …` makes one. */
export async function roomsCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'create') await createCommand(rest);
  else if (sub === 'list') await listRooms(rest);
  else if (sub === undefined || sub.startsWith('-')) await listRooms(args);
  else throw new UsageError(`unknown rooms command "${sub}": use rooms [--json], or rooms create --title T`);
}

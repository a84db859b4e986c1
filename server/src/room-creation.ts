import { isValidRoomId } from '@plenary/protocol';
import { SCHEMA_VERSION } from '@plenary/schema';
import { BLANK_TEMPLATE_ID, createRoomDoc, getTemplate, listTemplates } from '@plenary/templates';
import * as Y from 'yjs';
import { z } from 'zod';
import { HttpError } from './errors.js';
import { DEFAULT_INVITE_TTL_SECONDS, issueInvite } from './invite.js';
import type { RoomRecord, Storage } from './storage/storage.js';
import type { MintedToken, TokenAuthority } from './tokens.js';

/** What a new room is made of: `POST /api/rooms`'s body, and `plenary rooms create`'s options. */
export const CreateRoomSchema = z.object({
  id: z.string().refine(isValidRoomId, 'invalid room id (1–64 of A-Z a-z 0-9 _ -)').optional(),
  title: z.string().trim().min(1).max(200),
  symbol: z.string().trim().max(100).optional(),
  template: z.string().max(100).default(BLANK_TEMPLATE_ID),
  delegation: z.string().trim().min(1).max(100).default('Chair'),
  name: z.string().trim().min(1).max(100).optional(),
});

/** A request to create a room, checked. */
export type CreateRoomRequest = z.output<typeof CreateRoomSchema>;

/** What creating a room gives: its record and the creator's chair token. */
export interface CreatedRoom {
  readonly record: RoomRecord;
  readonly chair: MintedToken & { readonly person: string };
}

/** What creating a room needs. `isLoaded` tells whether a room is open in this process. */
export interface RoomCreationDeps {
  readonly storage: Storage;
  readonly tokens: TokenAuthority;
  readonly isLoaded: (id: string) => Promise<boolean>;
}

/**
 * Checks a request to create a room; throws HttpError 400 `invalid_request` naming the first
 * field that is wrong.
 */
export function parseCreateRoomRequest(body: unknown): CreateRoomRequest {
  const parsed = CreateRoomSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new HttpError(400, 'invalid_request', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
}

function newRoomId(): string {
  return crypto.randomUUID().replaceAll('-', '').slice(0, 16);
}

/**
 * Creates a room: stores its record and its template's content as the first update of its log
 * (templates are seeded once, by the server, at creation: DESIGN §3), then mints the creator's
 * chair token for 14 days and records it in the access list. Refuses (HttpError) an unknown
 * template (400 `unknown_template`, naming the templates there are) and an id that is taken
 * (409 `room_exists`): by a stored room, by a room open in memory (a token opened it empty),
 * or by a deleted or archived room, whose id stays taken so that old invites never open a
 * fresh room.
 */
export async function createRoom(deps: RoomCreationDeps, request: CreateRoomRequest): Promise<CreatedRoom> {
  const template = getTemplate(request.template);
  if (!template) {
    const ids = listTemplates().map((t) => t.id);
    throw new HttpError(400, 'unknown_template', `unknown template "${request.template}"; one of ${ids.join(', ')}`);
  }
  const id = request.id ?? newRoomId();
  if ((await deps.storage.getRoomStatus(id)) !== 'active') {
    throw new HttpError(409, 'room_exists', `a room with the id "${id}" existed and was deleted or archived`);
  }
  if ((await deps.storage.getRoom(id)) || (await deps.isLoaded(id))) {
    throw new HttpError(409, 'room_exists', `a room with the id "${id}" exists`);
  }
  const now = Date.now();
  const record: RoomRecord = {
    id,
    title: request.title,
    symbol: request.symbol || null,
    template: template.id,
    schemaVersion: SCHEMA_VERSION,
    createdAt: now,
    updatedAt: now,
  };
  const doc = createRoomDoc(template);
  const seed = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  await deps.storage.putRoom(record);
  await deps.storage.appendUpdates(id, [{ update: seed, delegation: 'Plenary', person: null, time: now }]);
  const chair = await issueInvite(
    deps,
    {
      room: id,
      delegation: request.delegation,
      role: 'chair',
      ttlSeconds: DEFAULT_INVITE_TTL_SECONDS,
      ...(request.name ? { name: request.name } : {}),
    },
    'room creator',
  );
  return { record, chair };
}

import { isOwnMessage, mayChangeStatus, mayComment } from '@plenary/protocol';
import { DRAFT_FRAGMENT, findClauseElement, parseMentions } from '@plenary/schema';
import type { z } from 'zod';
import type { CommentLimits } from '../config.js';
import { readCurrentDraft } from '../current-draft.js';
import { HttpError } from '../errors.js';
import type { KeyedRate } from '../rate-limit.js';
import type { RoomRegistry } from '../rooms.js';
import type { CommentMessageRecord, CommentThreadFields, CommentThreadRecord } from '../storage/comment-records.js';
import type { Storage } from '../storage/storage.js';
import type { Identity } from '../tokens.js';
import { type NewThreadSchema, readCommentBody } from './comment-input.js';
import { pushThread } from './comment-push.js';
import { KeyedQueue } from './comment-queue.js';
import { mayReadThread } from './comment-rules.js';
import { CommentWriteLimit } from './comment-write-limit.js';

/** The server-wide state of comment writes: the limits, the rate per token, the queue per room. */
export interface CommentServices {
  readonly limits: CommentLimits;
  /** Comment writes per token: this process's count, or the cluster's (`cluster/shared-rate.ts`). */
  readonly writes: KeyedRate;
  readonly queue: KeyedQueue;
}

/** Makes the comment services of one server from its configured limits (and a shared rate, in a cluster). */
export function createCommentServices(
  limits: CommentLimits,
  writes: { take(key: string): boolean | Promise<boolean> } = new CommentWriteLimit(
    limits.writesPerMinute,
    limits.writeBurst,
  ),
): CommentServices {
  return {
    limits,
    writes: { take: async (key) => writes.take(key) },
    queue: new KeyedQueue(),
  };
}

/** What comment operations need: storage for the records, the registry for the live push. */
export interface CommentDeps {
  readonly storage: Storage;
  readonly rooms: RoomRegistry;
  readonly comments: CommentServices;
}

/**
 * Counts one comment write against the caller's token, before anything else is read: 429
 * `comment_rate_limited` when over the rate, refused requests included, so a flood of bad
 * requests is held back too.
 */
export async function requireWriteAllowed(deps: CommentDeps, identity: Identity, room: string): Promise<void> {
  const key = identity.jti ?? `${room}\u0000${identity.delegation}\u0000${identity.person ?? ''}`;
  if (!(await deps.comments.writes.take(key))) {
    throw new HttpError(
      429,
      'comment_rate_limited',
      `too many comment writes; at most ${deps.comments.limits.writesPerMinute} a minute (bursts of ${deps.comments.limits.writeBurst}); retry shortly`,
    );
  }
}

/**
 * Runs a write of `room`'s comments after every earlier one has finished: each reads the thread,
 * checks it and writes it back without another write in between, so concurrent replies, edits
 * and resolves never undo one another.
 */
function serialised<T>(deps: CommentDeps, room: string, write: () => Promise<T>): Promise<T> {
  return deps.comments.queue.run(room, write);
}

/**
 * The time of a write to `thread`: now, or just after its last change when the clock has not
 * moved on, so every version of a thread has a larger `updatedAt` than the one before and
 * clients keep the newest copy whatever order pushes and answers arrive in.
 */
function nextUpdate(thread: Pick<CommentThreadFields, 'updatedAt'>): number {
  return Math.max(Date.now(), thread.updatedAt + 1);
}

/** Throws 409 `too_many_messages` when `thread` holds its cap of messages. */
function requireRoomForMessage(deps: CommentDeps, thread: CommentThreadRecord): void {
  const max = deps.comments.limits.maxMessagesPerThread;
  if (thread.messages.length >= max) {
    throw new HttpError(409, 'too_many_messages', `a thread holds at most ${max} messages; start a new thread`);
  }
}

function newRecordId(): string {
  return crypto.randomUUID().replaceAll('-', '').slice(0, 20);
}

/** The caller's view of who acts: "Chair" for chair actions, else the delegation (DESIGN §1). */
function actor(identity: Identity): string {
  return identity.role === 'chair' ? 'Chair' : identity.delegation;
}

/** Throws 403 `comment_forbidden` unless `identity` may comment in `room` now. */
async function requireMayComment(deps: CommentDeps, identity: Identity, room: string): Promise<void> {
  const settings = await deps.storage.getRoomSettings(room);
  if (!mayComment(identity, settings.observersMayComment)) {
    throw new HttpError(403, 'comment_forbidden', 'observers may comment only when the room allows it');
  }
}

/**
 * The thread `id` if `identity` may read it. A private thread of another delegation answers
 * exactly like a missing one (404 `thread_not_found`): its existence is not revealed.
 */
export async function readableThread(
  deps: CommentDeps,
  identity: Identity,
  room: string,
  id: string,
): Promise<CommentThreadRecord> {
  const thread = await deps.storage.getCommentThread(room, id);
  if (!thread || !mayReadThread(identity, thread))
    throw new HttpError(404, 'thread_not_found', 'comment thread not found');
  return thread;
}

/** Every thread of `room` that `identity` may read, oldest first. */
export async function listReadableThreads(deps: CommentDeps, identity: Identity | null, room: string) {
  const threads = await deps.storage.listCommentThreads(room);
  return threads.filter((thread) => mayReadThread(identity, thread));
}

/** Whether the room's current draft has a clause with `clauseId`; 503 when it cannot be read. */
function clauseExists(deps: CommentDeps, room: string, clauseId: string): Promise<boolean> {
  return readCurrentDraft(
    deps.storage,
    deps.rooms,
    room,
    (doc) => findClauseElement(doc.getXmlFragment(DRAFT_FRAGMENT), clauseId) !== null,
  );
}

/**
 * Re-reads a thread after a write and pushes it live to the connections allowed to see it. Runs
 * inside the room's queue, so pushes leave in the order of the writes.
 */
async function publish(deps: CommentDeps, room: string, id: string): Promise<CommentThreadRecord> {
  const loaded = await deps.rooms.peek(room);
  const thread = (await deps.storage.getCommentThread(room, id)) as CommentThreadRecord;
  deps.rooms.announce(room, { kind: 'thread', id });
  if (loaded) pushThread(loaded.connections, thread);
  return thread;
}

function messageOf(
  identity: Identity,
  room: string,
  threadId: string,
  body: string,
  now: number,
): CommentMessageRecord {
  return {
    room,
    threadId,
    id: newRecordId(),
    delegation: identity.delegation,
    person: identity.person,
    name: identity.name,
    body,
    mentions: parseMentions(body),
    createdAt: now,
    editedAt: null,
    deleted: false,
  };
}

/**
 * Starts a thread on a clause or a span of it, with its first message. 400 `unknown_clause` when
 * the room's current draft has no such clause; 409 `too_many_threads` at the room's cap.
 */
export function createThread(
  deps: CommentDeps,
  identity: Identity,
  room: string,
  input: z.infer<typeof NewThreadSchema>,
): Promise<CommentThreadRecord> {
  return serialised(deps, room, async () => {
    await requireMayComment(deps, identity, room);
    const body = readCommentBody(input.body);
    if (!(await clauseExists(deps, room, input.clauseId))) {
      throw new HttpError(400, 'unknown_clause', `no clause with id ${JSON.stringify(input.clauseId)} in the draft`);
    }
    const max = deps.comments.limits.maxThreadsPerRoom;
    if ((await deps.storage.countCommentThreads(room)) >= max) {
      throw new HttpError(409, 'too_many_threads', `a room holds at most ${max} comment threads`);
    }
    return insertThread(deps, identity, room, input, body);
  });
}

async function insertThread(
  deps: CommentDeps,
  identity: Identity,
  room: string,
  input: z.infer<typeof NewThreadSchema>,
  body: string,
): Promise<CommentThreadRecord> {
  const now = Date.now();
  const span = input.start !== null && input.end !== null;
  const thread: CommentThreadFields = {
    room,
    id: newRecordId(),
    clauseId: input.clauseId,
    start: span ? input.start : null,
    end: span ? input.end : null,
    quote: span ? input.quote : null,
    visibility: input.visibility,
    delegation: identity.delegation,
    person: identity.person,
    status: 'open',
    statusBy: null,
    createdAt: now,
    updatedAt: now,
  };
  await deps.storage.putCommentChange(thread, messageOf(identity, room, thread.id, body, now));
  return publish(deps, room, thread.id);
}

/** Adds a reply to a thread the caller may read; 409 `too_many_messages` at the thread's cap. */
export function reply(
  deps: CommentDeps,
  identity: Identity,
  room: string,
  threadId: string,
  text: string,
): Promise<CommentThreadRecord> {
  return serialised(deps, room, async () => {
    const thread = await readableThread(deps, identity, room, threadId);
    await requireMayComment(deps, identity, room);
    const body = readCommentBody(text);
    requireRoomForMessage(deps, thread);
    const now = nextUpdate(thread);
    await deps.storage.putCommentChange({ ...thread, updatedAt: now }, messageOf(identity, room, thread.id, body, now));
    return publish(deps, room, thread.id);
  });
}

/**
 * Edits (`body` given) or deletes (`body` null) one of the caller's own messages. 403
 * `not_author` for anyone else's, chair included; 409 `message_deleted` for a deleted one.
 */
export function changeMessage(
  deps: CommentDeps,
  identity: Identity,
  room: string,
  threadId: string,
  messageId: string,
  text: string | null,
): Promise<CommentThreadRecord> {
  return serialised(deps, room, () => changeMessageNow(deps, identity, room, threadId, messageId, text));
}

async function changeMessageNow(
  deps: CommentDeps,
  identity: Identity,
  room: string,
  threadId: string,
  messageId: string,
  text: string | null,
): Promise<CommentThreadRecord> {
  const thread = await readableThread(deps, identity, room, threadId);
  const message = thread.messages.find((m) => m.id === messageId);
  if (!message) throw new HttpError(404, 'message_not_found', 'comment message not found');
  if (!isOwnMessage(identity, message)) {
    throw new HttpError(403, 'not_author', 'only the author may edit or delete a message');
  }
  if (message.deleted) throw new HttpError(409, 'message_deleted', 'the message was deleted');
  await requireMayComment(deps, identity, room);
  const now = nextUpdate(thread);
  const body = text === null ? '' : readCommentBody(text);
  await deps.storage.putCommentChange(
    { ...thread, updatedAt: now },
    { ...message, body, mentions: text === null ? [] : parseMentions(body), editedAt: now, deleted: text === null },
  );
  return publish(deps, room, thread.id);
}

/** Resolves or reopens a thread: its own delegation or the chair (403 `status_forbidden`). */
export function setThreadStatus(
  deps: CommentDeps,
  identity: Identity,
  room: string,
  threadId: string,
  status: 'open' | 'resolved',
): Promise<CommentThreadRecord> {
  return serialised(deps, room, async () => {
    const thread = await readableThread(deps, identity, room, threadId);
    if (!mayChangeStatus(identity, thread)) {
      throw new HttpError(
        403,
        'status_forbidden',
        "only the thread's delegation or the chair may resolve or reopen it",
      );
    }
    if (identity.role !== 'chair') await requireMayComment(deps, identity, room);
    await deps.storage.putCommentThread({
      ...thread,
      status,
      statusBy: actor(identity),
      updatedAt: nextUpdate(thread),
    });
    return publish(deps, room, thread.id);
  });
}

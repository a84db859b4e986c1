import type { z } from 'zod';
import { HttpError } from '../errors.js';
import type { Identity } from '../tokens.js';
import { MessageBodySchema, NewThreadSchema } from './comment-input.js';
import {
  type CommentDeps,
  changeMessage,
  createThread,
  listReadableThreads,
  readableThread,
  reply,
  requireWriteAllowed,
  setThreadStatus,
} from './comment-operations.js';
import { threadToWire } from './comment-wire.js';

/** An answer for the API to send as JSON. */
export interface CommentAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** Parses a JSON body with `schema`, naming the first offending field in the 400. */
function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new HttpError(400, 'invalid_request', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
}

const SEGMENT = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * `/api/rooms/<room>/comments…` once the token, room and revocation are checked (`rest` is the
 * path after `/comments`):
 * - `GET ` → `{threads}` the caller may read; `GET /<thread>` one of them;
 * - `POST ` `{clauseId, start?, end?, quote?, visibility?, body}` → 201 the new thread;
 * - `POST /<thread>/messages` `{body}` → 201 the thread with the reply;
 * - `PATCH /<thread>/messages/<message>` `{body}` and `DELETE …` → the thread;
 * - `POST /<thread>/resolve` and `/reopen` → the thread.
 *
 * Every write counts against the token's comment rate (429 `comment_rate_limited`).
 */
export async function handleCommentRoute(
  deps: CommentDeps,
  identity: Identity,
  room: string,
  method: string,
  rest: string,
  body: unknown,
): Promise<CommentAnswer> {
  const parts = rest.split('/').filter((p) => p.length > 0);
  if (!parts.every((p) => SEGMENT.test(p))) throw new HttpError(404, 'not_found', 'no such endpoint');
  const [threadId, action, messageId, extra] = parts;
  const thread = (record: Parameters<typeof threadToWire>[0]) => threadToWire(record);
  if (extra !== undefined) throw new HttpError(404, 'not_found', 'no such endpoint');
  if (method !== 'GET') await requireWriteAllowed(deps, identity, room);
  if (threadId === undefined) {
    if (method === 'GET')
      return { status: 200, body: { threads: (await listReadableThreads(deps, identity, room)).map(thread) } };
    if (method === 'POST')
      return { status: 201, body: thread(await createThread(deps, identity, room, parse(NewThreadSchema, body))) };
    throw new HttpError(405, 'method_not_allowed', 'use GET or POST');
  }
  if (action === undefined) {
    if (method !== 'GET') throw new HttpError(405, 'method_not_allowed', 'use GET');
    return { status: 200, body: thread(await readableThread(deps, identity, room, threadId)) };
  }
  if (action === 'resolve' || action === 'reopen') {
    if (method !== 'POST' || messageId !== undefined) throw new HttpError(405, 'method_not_allowed', 'use POST');
    const status = action === 'resolve' ? 'resolved' : 'open';
    return { status: 200, body: thread(await setThreadStatus(deps, identity, room, threadId, status)) };
  }
  if (action !== 'messages') throw new HttpError(404, 'not_found', 'no such endpoint');
  if (messageId === undefined) {
    if (method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'use POST');
    const { body: text } = parse(MessageBodySchema, body);
    return { status: 201, body: thread(await reply(deps, identity, room, threadId, text)) };
  }
  if (method === 'PATCH') {
    const { body: text } = parse(MessageBodySchema, body);
    return { status: 200, body: thread(await changeMessage(deps, identity, room, threadId, messageId, text)) };
  }
  if (method === 'DELETE')
    return { status: 200, body: thread(await changeMessage(deps, identity, room, threadId, messageId, null)) };
  throw new HttpError(405, 'method_not_allowed', 'use PATCH or DELETE');
}

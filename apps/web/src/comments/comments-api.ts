import type { CommentThread, CommentVisibility } from '@plenary/protocol';
import { requestJson } from '../api/http.js';

/** What starting a thread sends: the anchor (see `CommentAnchor`), visibility and first message. */
export interface NewThread {
  readonly clauseId: string;
  readonly start: string | null;
  readonly end: string | null;
  readonly quote: string | null;
  readonly visibility: CommentVisibility;
  readonly body: string;
}

const base = (room: string) => `/api/rooms/${encodeURIComponent(room)}/comments`;

/** Starts a thread. Rejects with `ApiError` (e.g. `comment_too_long`, `comment_forbidden`). */
export async function startThread(room: string, token: string, thread: NewThread): Promise<CommentThread> {
  return (await requestJson(base(room), { method: 'POST', token, body: thread })) as CommentThread;
}

/** Replies to a thread. */
export async function replyToThread(room: string, token: string, thread: string, body: string): Promise<CommentThread> {
  return (await requestJson(`${base(room)}/${thread}/messages`, {
    method: 'POST',
    token,
    body: { body },
  })) as CommentThread;
}

/** Edits one of the caller's own messages. */
export async function editMessage(
  room: string,
  token: string,
  thread: string,
  message: string,
  body: string,
): Promise<CommentThread> {
  return (await requestJson(`${base(room)}/${thread}/messages/${message}`, {
    method: 'PATCH',
    token,
    body: { body },
  })) as CommentThread;
}

/** Deletes one of the caller's own messages (it stays in the thread as "deleted"). */
export async function deleteMessage(room: string, token: string, thread: string, message: string) {
  return (await requestJson(`${base(room)}/${thread}/messages/${message}`, {
    method: 'DELETE',
    token,
  })) as CommentThread;
}

/** Resolves (`resolved`) or reopens (`open`) a thread. */
export async function setThreadStatus(room: string, token: string, thread: string, status: 'open' | 'resolved') {
  const action = status === 'resolved' ? 'resolve' : 'reopen';
  return (await requestJson(`${base(room)}/${thread}/${action}`, { method: 'POST', token })) as CommentThread;
}

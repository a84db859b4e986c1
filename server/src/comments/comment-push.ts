import { encodeComments } from '@plenary/protocol';
import type { Connection } from '../connection.js';
import type { CommentThreadRecord } from '../storage/comment-records.js';
import type { Storage } from '../storage/storage.js';
import { mayReadThread } from './comment-rules.js';
import { threadToWire } from './comment-wire.js';

/**
 * Sends a created or changed thread (message 102, `kind: "thread"`) to the connections that
 * opted in with `?ext=comments` and may read it. A private thread is encoded and sent only to
 * connections of its own delegation: nobody else's socket ever carries it.
 */
export function pushThread(connections: Iterable<Connection>, thread: CommentThreadRecord): void {
  let frame: Uint8Array | null = null;
  for (const connection of connections) {
    if (!connection.wants('comments') || !mayReadThread(connection.identity, thread)) continue;
    frame ??= encodeComments({ kind: 'thread', thread: threadToWire(thread) });
    connection.send(frame);
  }
}

/**
 * Sends a newly connected client every thread it may read (message 102, `kind: "threads"`), so
 * a client that was offline catches up; later changes follow one thread at a time.
 */
export async function sendThreadsOnConnect(storage: Storage, connection: Connection): Promise<void> {
  if (!connection.wants('comments')) return;
  const threads = await storage.listCommentThreads(connection.room.id);
  const visible = threads.filter((thread) => mayReadThread(connection.identity, thread)).map(threadToWire);
  connection.send(encodeComments({ kind: 'threads', threads: visible }));
}

import type { CommentThread } from '@plenary/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callApi, createRoom } from '../support/api.js';
import { waitFor } from '../support/clients.js';
import { type CommentListener, clauseIds, commentBarrier, listenForComments, postThread } from '../support/comments.js';
import { makeDataDir, startTestServer, type TestServer } from '../support/server.js';
import { commentsOverNetwork } from '../support/slow-storage.js';

const ROOM = 'comments-race';
const REPLIES = 20;

describe('concurrent comment writes', () => {
  let server: TestServer;
  let listener: CommentListener | null = null;

  beforeEach(async () => {
    // Comment records answer a turn later, so concurrent requests really interleave.
    const dataDir = makeDataDir();
    server = await startTestServer({ dataDir, storage: commentsOverNetwork(dataDir) });
  });
  afterEach(async () => {
    listener?.socket.terminate();
    listener = null;
    await server.stop();
  });

  it('keeps every reply, an edit and a resolve sent at once, and pushes each version newer than the last', async () => {
    const chair = await createRoom(server, ROOM);
    const clause = (await clauseIds(server, ROOM))[0] as string;
    const ghana = await server.token(ROOM, 'Ghana', 'delegate', { person: 'amina' });
    const peru = await server.token(ROOM, 'Peru', 'delegate', { person: 'luis' });
    const started = await postThread(server, ROOM, ghana, { clauseId: clause, body: 'First point' });
    const thread = started.body as CommentThread;
    const first = thread.messages[0]?.id as string;
    listener = await listenForComments(server, ROOM, ghana);
    await waitFor(() => listener?.payloads.length === 1, 'the threads on connect');

    const base = `rooms/${ROOM}/comments/${thread.id}`;
    const answers = await Promise.all([
      ...Array.from({ length: REPLIES }, (_, i) =>
        callApi(server, 'POST', `${base}/messages`, peru, { body: `Reply ${i}` }),
      ),
      callApi(server, 'POST', `${base}/resolve`, chair),
      callApi(server, 'PATCH', `${base}/messages/${first}`, ghana, { body: 'First point, amended' }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([...Array(REPLIES).fill(201), 200, 200]);

    const stored = (await callApi(server, 'GET', base, ghana)).body as CommentThread;
    expect(stored.status).toBe('resolved');
    expect(stored.messages).toHaveLength(REPLIES + 1);
    expect(stored.messages[0]?.body).toBe('First point, amended');
    expect(new Set(stored.messages.slice(1).map((m) => m.body))).toEqual(
      new Set(Array.from({ length: REPLIES }, (_, i) => `Reply ${i}`)),
    );

    await waitFor(() => listener?.threads.get(thread.id)?.updatedAt === stored.updatedAt, 'the last version pushed');
    await commentBarrier(listener);
    expect(listener.threads.get(thread.id)).toEqual(stored);
    const pushed = listener.payloads.flatMap((p) => (p.kind === 'thread' ? [p.thread] : []));
    expect(pushed).toHaveLength(REPLIES + 2);
    for (let i = 1; i < pushed.length; i++) {
      expect(pushed[i]?.updatedAt).toBeGreaterThan(pushed[i - 1]?.updatedAt ?? Number.POSITIVE_INFINITY);
    }
  });

  it('never lets an edit bring back a message deleted at the same moment', async () => {
    await createRoom(server, ROOM);
    const clause = (await clauseIds(server, ROOM))[0] as string;
    const ghana = await server.token(ROOM, 'Ghana', 'delegate', { person: 'amina' });
    for (let round = 0; round < 5; round++) {
      const thread = (await postThread(server, ROOM, ghana, { clauseId: clause, body: `Point ${round}` }))
        .body as CommentThread;
      const path = `rooms/${ROOM}/comments/${thread.id}/messages/${thread.messages[0]?.id}`;
      const [removed, edited] = await Promise.all([
        callApi(server, 'DELETE', path, ghana),
        callApi(server, 'PATCH', path, ghana, { body: 'Rewritten' }),
      ]);
      const stored = (await callApi(server, 'GET', `rooms/${ROOM}/comments/${thread.id}`, ghana)).body as CommentThread;
      expect(removed.status).toBe(200);
      // Whichever ran first, the message ends deleted: an edit after the delete is refused.
      expect(stored.messages[0]).toMatchObject({ deleted: true, body: '' });
      expect([200, 409]).toContain(edited.status);
    }
  });
});

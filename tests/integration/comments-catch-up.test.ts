import type { CommentsPayload, CommentThread } from '@plenary/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommentFeed } from '../../apps/web/src/comments/comment-feed.js';
import { callApi, createRoom } from '../support/api.js';
import { waitFor } from '../support/clients.js';
import { type CommentListener, clauseIds, listenForComments, postThread } from '../support/comments.js';
import { whenClosed } from '../support/raw-socket.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ROOM = 'comments-catch-up';

describe('comment catch-up on reconnect', () => {
  let server: TestServer;
  let clause: string;
  let ghana: string;
  let peru: string;
  const listeners: CommentListener[] = [];

  beforeEach(async () => {
    server = await startTestServer();
    await createRoom(server, ROOM);
    clause = (await clauseIds(server, ROOM))[0] as string;
    ghana = await server.token(ROOM, 'Ghana', 'delegate', { person: 'amina' });
    peru = await server.token(ROOM, 'Peru', 'delegate', { person: 'luis' });
  });
  afterEach(async () => {
    for (const listener of listeners.splice(0)) listener.socket.terminate();
    await server.stop();
  });

  async function connect(token: string): Promise<CommentListener> {
    const listener = await listenForComments(server, ROOM, token);
    listeners.push(listener);
    await waitFor(() => listener.payloads.length > 0, 'the threads on connect');
    return listener;
  }

  function catchUp(listener: CommentListener): CommentsPayload {
    const first = listener.payloads[0];
    if (first?.kind !== 'threads') throw new Error('the first comment message is not the thread list');
    return first;
  }

  it('sends a reconnecting client the threads and messages written while it was away', async () => {
    const known = (await postThread(server, ROOM, ghana, { clauseId: clause, body: 'Before' })).body as CommentThread;
    const away = await connect(peru);
    expect([...away.threads.keys()]).toEqual([known.id]);
    const closed = whenClosed(away.socket);
    away.socket.close();
    await closed;

    await callApi(server, 'POST', `rooms/${ROOM}/comments/${known.id}/messages`, ghana, { body: 'While away' });
    await callApi(server, 'POST', `rooms/${ROOM}/comments/${known.id}/resolve`, ghana);
    const added = (await postThread(server, ROOM, ghana, { clauseId: clause, body: 'New' })).body as CommentThread;

    const back = await connect(peru);
    const list = catchUp(back);
    expect(list.kind === 'threads' && list.threads.map((t) => t.id)).toEqual([known.id, added.id]);
    expect(back.threads.get(known.id)).toMatchObject({
      status: 'resolved',
      messages: [{ body: 'Before' }, { body: 'While away' }],
    });
    expect(back.threads.get(added.id)?.messages.map((m) => m.body)).toEqual(['New']);
  });

  it('merges the catch-up list with what the client holds, losing and duplicating nothing', async () => {
    const feed = new CommentFeed();
    const first = await connect(peru);
    const known = (await postThread(server, ROOM, peru, { clauseId: clause, body: 'Ours' })).body as CommentThread;
    feed.receive(catchUp(first));
    feed.upsert(known);

    // The list a reconnecting socket gets is read when it joins; the answers to this client's
    // own requests can overtake it.
    const rejoined = await connect(peru);
    const replied = await callApi(server, 'POST', `rooms/${ROOM}/comments/${known.id}/messages`, peru, {
      body: 'And more',
    });
    feed.upsert(replied.body as CommentThread);
    const started = (await postThread(server, ROOM, peru, { clauseId: clause, body: 'Another' })).body as CommentThread;
    feed.upsert(started);
    feed.receive(catchUp(rejoined));

    const held = feed.getSnapshot();
    expect(held.map((t) => t.id)).toEqual([known.id, started.id]);
    expect(held[0]?.messages.map((m) => m.body)).toEqual(['Ours', 'And more']);

    // Live pushes that follow, newer or repeated, still leave one copy of each thread.
    await waitFor(() => rejoined.threads.get(started.id) !== undefined, 'the pushed thread');
    for (const payload of rejoined.payloads.slice(1)) feed.receive(payload);
    expect(feed.getSnapshot().map((t) => [t.id, t.messages.length])).toEqual([
      [known.id, 2],
      [started.id, 1],
    ]);
  });
});

import { CloseCode, delegationColour, encodeComments, encodeOperation } from '@plenary/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { callApi, createRoom, errorCode } from '../support/api.js';
import { connectClient, type TestClient, waitFor, whenSynced } from '../support/clients.js';
import { clauseIds, postThread } from '../support/comments.js';
import { awarenessFrame, countStored, foreignTextUpdate, syncUpdateFrame } from '../support/hostile.js';
import { openOperationSocket } from '../support/operation-socket.js';
import { openRaw, whenClosed } from '../support/raw-socket.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ROOM = 'observed-writes';

describe('what an observer’s writes get', () => {
  let server: TestServer;
  let chair: string;
  let observerToken: string;
  let delegate: TestClient;
  const sockets: WebSocket[] = [];

  beforeEach(async () => {
    server = await startTestServer();
    chair = await createRoom(server, ROOM);
    observerToken = await server.token(ROOM, 'Press', 'observer');
    delegate = connectClient(server.wsUrl, ROOM, await server.token(ROOM, 'Kenya'));
    await whenSynced(delegate.provider);
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.terminate();
    delegate.destroy();
    await server.stop();
  });

  async function observerSocket(ext = ''): Promise<WebSocket> {
    const opened = await openRaw(`${server.wsUrl}/${ROOM}?token=${observerToken}${ext ? `&ext=${ext}` : ''}`);
    if (!opened.ok) throw new Error(`observer refused with ${opened.status}`);
    sockets.push(opened.socket);
    return opened.socket;
  }

  it('drops document updates, even undecodable ones, and keeps the socket open', async () => {
    const socket = await observerSocket();
    const stored = await countStored(server, ROOM);
    socket.send(syncUpdateFrame(foreignTextUpdate('OBSERVER')), { binary: true });
    // Not decoded at all: bytes that are no Yjs update are dropped like a valid one.
    socket.send(syncUpdateFrame(new Uint8Array([255, 255, 255, 1, 2, 3])), { binary: true });
    // Its own awareness, sent after the updates on the same socket, shows they were handled.
    socket.send(awarenessFrame(5151, 1, JSON.stringify({ cursor: 'after' })), { binary: true });
    const states = () => delegate.provider.awareness.getStates();
    await waitFor(() => states().get(5151)?.cursor === 'after', 'the observer’s presence arrives');
    expect(socket.readyState).toBe(socket.OPEN);
    expect(delegate.doc.getText('t').toString()).toBe('');
    expect(await countStored(server, ROOM)).toBe(stored);
  });

  it('publishes only its own presence, as the token says, and drops awareness for other client ids', async () => {
    const socket = await observerSocket();
    const states = () => delegate.provider.awareness.getStates();
    const forged = { name: 'Chair', delegation: 'Chair', role: 'chair', color: '#000000' };
    socket.send(awarenessFrame(6161, 1, JSON.stringify({ user: forged, cursor: 1 })), { binary: true });
    await waitFor(() => states().get(6161)?.cursor === 1, 'the observer’s own state arrives');
    expect(states().get(6161)?.user).toEqual({
      name: 'Press',
      delegation: 'Press',
      role: 'observer',
      color: delegationColour('Press', 'observer'),
    });
    const victim = delegate.doc.clientID;
    socket.send(awarenessFrame(victim, 1_000_000, JSON.stringify({ user: forged })), { binary: true });
    socket.send(awarenessFrame(7171, 1, JSON.stringify({ cursor: 'other' })), { binary: true });
    socket.send(awarenessFrame(6161, 2, JSON.stringify({ cursor: 2 })), { binary: true });
    await waitFor(() => states().get(6161)?.cursor === 2, 'the observer’s next state arrives');
    expect(states().has(7171)).toBe(false);
    expect(states().get(victim)?.user).toBeUndefined();
    expect(socket.readyState).toBe(socket.OPEN);
  });

  it('is answered chair_only for chair operations, and closed with 4400 for 103 without ext=operations', async () => {
    const http = await callApi(server, 'PATCH', `rooms/${ROOM}`, observerToken, { title: 'Observed' });
    expect([http.status, errorCode(http)]).toEqual([403, 'chair_only']);
    const operations = await openOperationSocket(server.wsUrl, ROOM, observerToken);
    sockets.push(operations.socket);
    const reply = await operations.call('title', { title: 'Observed' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'chair_only', status: 403 } });
    expect(operations.open).toBe(true);

    const plain = await observerSocket();
    const closed = whenClosed(plain);
    plain.send(encodeOperation({ id: 1, op: 'title', args: { title: 'Observed' } }), { binary: true });
    expect((await closed).code).toBe(CloseCode.malformed);
    expect(await server.server.storage.getRoom(ROOM)).toMatchObject({ title: 'Space norms' });
  });

  it('is answered comment_forbidden for comments unless the room allows them, and closed with 4400 for 102', async () => {
    const clause = (await clauseIds(server, ROOM))[0] as string;
    const refused = await postThread(server, ROOM, observerToken, { clauseId: clause, body: 'May I?' });
    expect([refused.status, errorCode(refused)]).toEqual([403, 'comment_forbidden']);
    const thread = await postThread(server, ROOM, chair, { clauseId: clause, body: 'Chair’s note' });
    const threadId = (thread.body as { id: string }).id;
    const resolve = await callApi(server, 'POST', `rooms/${ROOM}/comments/${threadId}/resolve`, observerToken);
    expect([resolve.status, errorCode(resolve)]).toEqual([403, 'status_forbidden']);
    await callApi(server, 'PATCH', `rooms/${ROOM}/settings`, chair, { observersMayComment: true });
    const allowed = await postThread(server, ROOM, observerToken, { clauseId: clause, body: 'Thank you' });
    expect(allowed.status).toBe(201);

    const socket = await observerSocket('comments');
    const closed = whenClosed(socket);
    socket.send(encodeComments({ kind: 'threads', threads: [] }), { binary: true });
    expect((await closed).code).toBe(CloseCode.malformed);
  });

  it('counts dropped writes against the message rate (4529 past it)', async () => {
    const limited = await startTestServer({
      config: {
        limits: {
          ...server.server.config.limits,
          maxMessagesPerSecond: 1,
        },
      },
    });
    try {
      const opened = await openRaw(`${limited.wsUrl}/${ROOM}?token=${await limited.token(ROOM, 'Press', 'observer')}`);
      if (!opened.ok) throw new Error(`observer refused with ${opened.status}`);
      sockets.push(opened.socket);
      const closed = whenClosed(opened.socket);
      for (let i = 0; i < 20; i++)
        opened.socket.send(syncUpdateFrame(foreignTextUpdate(`flood ${i}`)), { binary: true });
      const { code, reason } = await closed;
      expect(code).toBe(CloseCode.rateLimited);
      expect(reason).toMatch(/message rate/);
    } finally {
      await limited.stop();
    }
  });
});

import { CloseCode, type CommentThread, encodeComments, MessageType } from '@plenary/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callApi, createRoom, errorCode } from '../support/api.js';
import { waitFor } from '../support/clients.js';
import {
  type CommentListener,
  clauseIds,
  commentBarrier,
  listenForComments,
  postThread,
  spanAnchor,
} from '../support/comments.js';
import { whenClosed } from '../support/raw-socket.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ROOM = 'comments-room';

describe('comment rules', () => {
  let server: TestServer;
  let chair: string;
  let clause: string;
  let ghana: string;
  let peru: string;
  const listeners: CommentListener[] = [];

  beforeEach(async () => {
    server = await startTestServer();
    chair = await createRoom(server, ROOM);
    clause = (await clauseIds(server, ROOM))[0] as string;
    ghana = await server.token(ROOM, 'Ghana', 'delegate', { person: 'amina' });
    peru = await server.token(ROOM, 'Peru', 'delegate', { person: 'luis' });
  });
  afterEach(async () => {
    for (const listener of listeners.splice(0)) listener.socket.terminate();
    await server.stop();
  });

  async function listen(token: string, ext: string | null = 'comments'): Promise<CommentListener> {
    const listener = await listenForComments(server, ROOM, token, ext);
    listeners.push(listener);
    return listener;
  }

  async function start(token: string, body: Record<string, unknown> = {}): Promise<CommentThread> {
    const answer = await postThread(server, ROOM, token, { clauseId: clause, body: 'First point', ...body });
    expect(answer.status).toBe(201);
    return answer.body as CommentThread;
  }

  it('pushes a span thread live to opted-in connections only, with the quoted words', async () => {
    const peruSocket = await listen(peru);
    const stock = await listen(peru, null);
    await waitFor(() => peruSocket.payloads.length === 1, 'the threads on connect');
    expect(peruSocket.payloads[0]).toEqual({ kind: 'threads', threads: [] });
    const anchor = await spanAnchor(server, ROOM, clause, 0, 10);
    const thread = await start(ghana, { ...anchor, body: 'Too broad, @Peru?' });
    expect(thread.anchor).toEqual(anchor);
    expect(thread.messages[0]).toMatchObject({ delegation: 'Ghana', person: 'amina', mentions: ['Peru'] });
    await waitFor(() => peruSocket.threads.has(thread.id), 'the live push');
    expect(peruSocket.threads.get(thread.id)).toEqual(thread);
    await commentBarrier(stock);
    expect(stock.types).not.toContain(MessageType.comments);
  });

  it('never sends a private thread to another delegation, its observers or the chair', async () => {
    const ghanaObserver = await server.token(ROOM, 'Ghana', 'observer');
    const others = [
      await listen(peru),
      await listen(await server.token(ROOM, 'Peru', 'observer')),
      await listen(chair),
    ];
    const own = [await listen(ghana), await listen(ghanaObserver)];
    const open = await start(ghana);
    const secret = await start(ghana, { visibility: 'delegation', body: 'Our fallback position' });
    for (const listener of own) await waitFor(() => listener.threads.has(secret.id), 'the private thread');
    for (const listener of others) {
      await waitFor(() => listener.threads.has(open.id), 'the room-wide thread');
      await commentBarrier(listener);
      expect(listener.threads.has(secret.id)).toBe(false);
      expect(JSON.stringify(listener.payloads)).not.toContain('fallback');
    }
    // Catch-up on connect carries it to its own delegation only.
    const lateGhana = await listen(ghana);
    const latePeru = await listen(peru);
    await waitFor(() => lateGhana.payloads.length > 0 && latePeru.payloads.length > 0, 'the threads on connect');
    expect([...lateGhana.threads.keys()].sort()).toEqual([open.id, secret.id].sort());
    expect([...latePeru.threads.keys()]).toEqual([open.id]);
    // Over HTTP it answers like a missing thread.
    const list = await callApi(server, 'GET', `rooms/${ROOM}/comments`, peru);
    expect((list.body as { threads: CommentThread[] }).threads.map((t) => t.id)).toEqual([open.id]);
    for (const [method, path, body] of [
      ['GET', `comments/${secret.id}`, undefined],
      ['POST', `comments/${secret.id}/messages`, { body: 'hello' }],
      ['POST', `comments/${secret.id}/resolve`, undefined],
      ['DELETE', `comments/${secret.id}/messages/${secret.messages[0]?.id}`, undefined],
    ] as const) {
      for (const token of [peru, chair]) {
        const answer = await callApi(server, method, `rooms/${ROOM}/${path}`, token, body);
        expect(answer.status).toBe(404);
        expect(errorCode(answer)).toBe('thread_not_found');
      }
    }
  });

  it("refuses every edit, delete and resolve of another delegation's messages", async () => {
    const thread = await start(ghana);
    const messageId = thread.messages[0]?.id as string;
    const path = `rooms/${ROOM}/comments/${thread.id}/messages/${messageId}`;
    const sameDelegationOtherPerson = await server.token(ROOM, 'Ghana', 'delegate', { person: 'kofi' });
    for (const token of [peru, chair, sameDelegationOtherPerson]) {
      const edit = await callApi(server, 'PATCH', path, token, { body: 'rewritten' });
      expect([edit.status, errorCode(edit)]).toEqual([403, 'not_author']);
      const remove = await callApi(server, 'DELETE', path, token);
      expect([remove.status, errorCode(remove)]).toEqual([403, 'not_author']);
    }
    for (const action of ['resolve', 'reopen']) {
      const answer = await callApi(server, 'POST', `rooms/${ROOM}/comments/${thread.id}/${action}`, peru);
      expect([answer.status, errorCode(answer)]).toEqual([403, 'status_forbidden']);
    }
    const stored = await callApi(server, 'GET', `rooms/${ROOM}/comments/${thread.id}`, ghana);
    expect(stored.body).toEqual(thread);
  });

  it("lets a delegation's unnamed tokens edit its unnamed messages, and never mixes named and unnamed authors", async () => {
    const shared = await server.token(ROOM, 'Ghana');
    const otherShared = await server.token(ROOM, 'Ghana');
    const peruShared = await server.token(ROOM, 'Peru');
    const thread = await start(shared);
    const path = `rooms/${ROOM}/comments/${thread.id}/messages/${thread.messages[0]?.id}`;
    for (const token of [ghana, peruShared]) {
      const edit = await callApi(server, 'PATCH', path, token, { body: 'rewritten' });
      expect([edit.status, errorCode(edit)]).toEqual([403, 'not_author']);
      const remove = await callApi(server, 'DELETE', path, token);
      expect([remove.status, errorCode(remove)]).toEqual([403, 'not_author']);
    }
    // An unnamed token speaks for the delegation: another holder of one may correct the message.
    const edited = await callApi(server, 'PATCH', path, otherShared, { body: 'corrected' });
    expect(edited.status).toBe(200);
    expect((edited.body as CommentThread).messages[0]).toMatchObject({ body: 'corrected', person: null });
    const named = await start(ghana);
    const namedPath = `rooms/${ROOM}/comments/${named.id}/messages/${named.messages[0]?.id}`;
    const byShared = await callApi(server, 'PATCH', namedPath, shared, { body: 'rewritten' });
    expect([byShared.status, errorCode(byShared)]).toEqual([403, 'not_author']);
  });

  it('lets authors edit and delete their own messages and the chair resolve any thread', async () => {
    const peruSocket = await listen(peru);
    const thread = await start(ghana);
    const replied = await callApi(server, 'POST', `rooms/${ROOM}/comments/${thread.id}/messages`, peru, {
      body: 'We agree with @Ghana',
    });
    expect(replied.status).toBe(201);
    const reply = (replied.body as CommentThread).messages[1];
    expect(reply).toMatchObject({ delegation: 'Peru', body: 'We agree with @Ghana', mentions: ['Ghana'] });
    const edited = await callApi(server, 'PATCH', `rooms/${ROOM}/comments/${thread.id}/messages/${reply?.id}`, peru, {
      body: 'We agree with @[G77 and China]\nand Ghana',
    });
    expect((edited.body as CommentThread).messages[1]).toMatchObject({
      body: 'We agree with @[G77 and China]\nand Ghana',
      mentions: ['G77 and China'],
    });
    expect((edited.body as CommentThread).messages[1]?.editedAt).not.toBeNull();
    const removed = await callApi(server, 'DELETE', `rooms/${ROOM}/comments/${thread.id}/messages/${reply?.id}`, peru);
    expect((removed.body as CommentThread).messages[1]).toMatchObject({ deleted: true, body: '', mentions: [] });
    const again = await callApi(server, 'PATCH', `rooms/${ROOM}/comments/${thread.id}/messages/${reply?.id}`, peru, {
      body: 'back',
    });
    expect([again.status, errorCode(again)]).toEqual([409, 'message_deleted']);

    const resolved = await callApi(server, 'POST', `rooms/${ROOM}/comments/${thread.id}/resolve`, chair);
    expect(resolved.body).toMatchObject({ status: 'resolved', statusBy: 'Chair' });
    await waitFor(() => peruSocket.threads.get(thread.id)?.status === 'resolved', 'the resolve pushed');
    const reopened = await callApi(server, 'POST', `rooms/${ROOM}/comments/${thread.id}/reopen`, ghana);
    expect(reopened.body).toMatchObject({ status: 'open', statusBy: 'Ghana' });
    const byOwner = await callApi(server, 'POST', `rooms/${ROOM}/comments/${thread.id}/resolve`, ghana);
    expect(byOwner.body).toMatchObject({ status: 'resolved', statusBy: 'Ghana' });
    await waitFor(() => peruSocket.threads.get(thread.id)?.statusBy === 'Ghana', 'the last change pushed');
  });

  it('lets observers read room-wide threads and comment only when the room allows it', async () => {
    const observer = await server.token(ROOM, 'Brazil', 'observer');
    const thread = await start(ghana);
    const read = await callApi(server, 'GET', `rooms/${ROOM}/comments`, observer);
    expect((read.body as { threads: CommentThread[] }).threads.map((t) => t.id)).toEqual([thread.id]);
    const refusedStart = await postThread(server, ROOM, observer, { clauseId: clause, body: 'May I?' });
    expect([refusedStart.status, errorCode(refusedStart)]).toEqual([403, 'comment_forbidden']);
    const refusedReply = await callApi(server, 'POST', `rooms/${ROOM}/comments/${thread.id}/messages`, observer, {
      body: 'May I?',
    });
    expect([refusedReply.status, errorCode(refusedReply)]).toEqual([403, 'comment_forbidden']);
    await callApi(server, 'PATCH', `rooms/${ROOM}/settings`, chair, { observersMayComment: true });
    const allowed = await callApi(server, 'POST', `rooms/${ROOM}/comments/${thread.id}/messages`, observer, {
      body: 'Thank you',
    });
    expect(allowed.status).toBe(201);
    const resolve = await callApi(server, 'POST', `rooms/${ROOM}/comments/${thread.id}/resolve`, observer);
    expect([resolve.status, errorCode(resolve)]).toEqual([403, 'status_forbidden']);
  });

  it('refuses bad input with a clear error and stores nothing', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ body: '   \n ' }, 'empty_comment', /cannot be empty/],
      [{ body: 'x'.repeat(10_001) }, 'comment_too_long', /limited to 10,000 characters; this one has 10,001/],
      [{ clauseId: 'no-such-clause' }, 'unknown_clause', /no clause with id "no-such-clause"/],
      [{ clauseId: '<b>' }, 'invalid_request', /clauseId: not a clause id/],
      [{ start: 'AAAA' }, 'invalid_request', /span needs both start and end|not an encoded/],
      [{ start: '!!!', end: '!!!', quote: 'x' }, 'invalid_request', /start: not an encoded Yjs relative position/],
      [{ visibility: 'everyone' }, 'invalid_request', /visibility/],
      [{ extra: 1 }, 'invalid_request', /body|extra|Unrecognized/i],
    ];
    for (const [override, code, message] of cases) {
      const answer = await postThread(server, ROOM, ghana, { clauseId: clause, body: 'ok', ...override });
      expect(answer.status, code).toBe(400);
      expect(errorCode(answer)).toBe(code);
      expect((answer.body as { error: { message: string } }).error.message).toMatch(message);
    }
    const span = await spanAnchor(server, ROOM, clause, 0, 5);
    const noQuote = await postThread(server, ROOM, ghana, { ...span, quote: null, body: 'ok' });
    expect((noQuote.body as { error: { message: string } }).error.message).toMatch(
      /quote: a span needs the quoted words/,
    );
    const missing = await callApi(server, 'POST', `rooms/${ROOM}/comments/nothere/messages`, ghana, { body: 'x' });
    expect([missing.status, errorCode(missing)]).toEqual([404, 'thread_not_found']);
    const list = await callApi(server, 'GET', `rooms/${ROOM}/comments`, ghana);
    expect(list.body).toEqual({ threads: [] });
  });

  it('closes a socket that sends message 102 itself (server → client only)', async () => {
    const listener = await listen(ghana);
    const closed = whenClosed(listener.socket);
    listener.socket.send(encodeComments({ kind: 'threads', threads: [] }));
    expect((await closed).code).toBe(CloseCode.malformed);
    expect(await callApi(server, 'GET', `rooms/${ROOM}/comments`, ghana)).toEqual({
      status: 200,
      body: { threads: [] },
    });
  });

  it('keeps hostile bodies as inert plain text', async () => {
    const body = '<script>alert(1)</script>\n<img src=x onerror=alert(2)> [x](javascript:alert(3)) javascript:alert(4)';
    const thread = await start(ghana, { body });
    expect(thread.messages[0]?.body).toBe(body);
    expect(thread.messages[0]?.mentions).toEqual([]);
  });

  it('keeps threads across a restart and sends them to a client that reconnects', async () => {
    const thread = await start(ghana, { body: 'Kept' });
    await callApi(server, 'POST', `rooms/${ROOM}/comments/${thread.id}/resolve`, chair);
    const dataDir = server.dataDir;
    await server.stop({ keepData: true });
    server = await startTestServer({ dataDir });
    const again = await listen(await server.token(ROOM, 'Peru'));
    await waitFor(() => again.payloads.length > 0, 'the threads on connect');
    expect(again.threads.get(thread.id)).toMatchObject({ status: 'resolved', messages: [{ body: 'Kept' }] });
  });
});

describe('comments in exports over HTTP', () => {
  let server: TestServer;

  afterEach(async () => {
    await server.stop();
  });

  it('exports a private thread only to its own delegation, and never in clean mode', async () => {
    server = await startTestServer();
    await createRoom(server, ROOM);
    const clause = (await clauseIds(server, ROOM))[0] as string;
    const ghana = await server.token(ROOM, 'Ghana');
    const peru = await server.token(ROOM, 'Peru');
    await postThread(server, ROOM, ghana, { clauseId: clause, body: 'Room-wide remark' });
    await postThread(server, ROOM, ghana, { clauseId: clause, body: 'Private fallback', visibility: 'delegation' });
    const exported = async (token: string, mode: string) => {
      const response = await fetch(`${server.httpUrl}/api/rooms/${ROOM}/export?format=html&mode=${mode}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      return response.text();
    };
    const own = await exported(ghana, 'compilation');
    expect(own).toContain('Room-wide remark');
    expect(own).toContain('Private fallback');
    const other = await exported(peru, 'compilation');
    expect(other).toContain('Room-wide remark');
    expect(other).not.toContain('Private fallback');
    expect(await exported(ghana, 'clean')).not.toContain('Room-wide remark');
  });
});

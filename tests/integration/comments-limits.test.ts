import type { CommentThread } from '@plenary/protocol';
import { type CommentLimits, DEFAULT_COMMENT_LIMITS } from '@plenary/server';
import { afterEach, describe, expect, it } from 'vitest';
import { callApi, createRoom, errorCode } from '../support/api.js';
import { clauseIds, postThread } from '../support/comments.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ROOM = 'comments-limits';

describe('comment write limits', () => {
  let server: TestServer;
  let clause: string;

  async function start(limits: Partial<CommentLimits>): Promise<void> {
    server = await startTestServer({ config: { commentLimits: { ...DEFAULT_COMMENT_LIMITS, ...limits } } });
    await createRoom(server, ROOM);
    clause = (await clauseIds(server, ROOM))[0] as string;
  }

  async function threads(token: string): Promise<CommentThread[]> {
    return ((await callApi(server, 'GET', `rooms/${ROOM}/comments`, token)).body as { threads: CommentThread[] })
      .threads;
  }

  afterEach(async () => {
    await server.stop();
  });

  it('answers 429 comment_rate_limited past a token burst, for that token only and never for reads', async () => {
    await start({ writesPerMinute: 1, writeBurst: 3 });
    const ghana = await server.token(ROOM, 'Ghana', 'delegate', { person: 'amina' });
    const peru = await server.token(ROOM, 'Peru', 'delegate', { person: 'luis' });
    for (let i = 0; i < 3; i++) {
      expect((await postThread(server, ROOM, ghana, { clauseId: clause, body: `Point ${i}` })).status).toBe(201);
    }
    const refused = await postThread(server, ROOM, ghana, { clauseId: clause, body: 'One too many' });
    expect([refused.status, errorCode(refused)]).toEqual([429, 'comment_rate_limited']);
    expect((refused.body as { error: { message: string } }).error.message).toMatch(/at most 1 a minute/);
    const thread = (await threads(ghana))[0] as CommentThread;
    const reply = await callApi(server, 'POST', `rooms/${ROOM}/comments/${thread.id}/messages`, ghana, { body: 'x' });
    expect([reply.status, errorCode(reply)]).toEqual([429, 'comment_rate_limited']);
    expect((await threads(ghana)).map((t) => t.messages.length)).toEqual([1, 1, 1]);
    expect((await postThread(server, ROOM, peru, { clauseId: clause, body: 'Our turn' })).status).toBe(201);
  });

  it('answers 409 too_many_threads at the room cap and stores nothing more', async () => {
    await start({ maxThreadsPerRoom: 2 });
    const ghana = await server.token(ROOM, 'Ghana');
    const peru = await server.token(ROOM, 'Peru');
    await postThread(server, ROOM, ghana, { clauseId: clause, body: 'One' });
    await postThread(server, ROOM, peru, { clauseId: clause, body: 'Two', visibility: 'delegation' });
    const refused = await postThread(server, ROOM, ghana, { clauseId: clause, body: 'Three' });
    expect([refused.status, errorCode(refused)]).toEqual([409, 'too_many_threads']);
    expect((refused.body as { error: { message: string } }).error.message).toMatch(/at most 2 comment threads/);
    expect((await threads(ghana)).map((t) => t.messages[0]?.body)).toEqual(['One']);
    expect(await server.server.storage.countCommentThreads(ROOM)).toBe(2);
  });

  it('answers 409 too_many_messages at the thread cap, counting deleted messages', async () => {
    await start({ maxMessagesPerThread: 3 });
    const ghana = await server.token(ROOM, 'Ghana', 'delegate', { person: 'amina' });
    const thread = (await postThread(server, ROOM, ghana, { clauseId: clause, body: 'One' })).body as CommentThread;
    const path = `rooms/${ROOM}/comments/${thread.id}/messages`;
    const second = (await callApi(server, 'POST', path, ghana, { body: 'Two' })).body as CommentThread;
    await callApi(server, 'POST', path, ghana, { body: 'Three' });
    await callApi(server, 'DELETE', `${path}/${second.messages[1]?.id}`, ghana);
    const refused = await callApi(server, 'POST', path, ghana, { body: 'Four' });
    expect([refused.status, errorCode(refused)]).toEqual([409, 'too_many_messages']);
    expect((await threads(ghana))[0]?.messages.map((m) => m.body)).toEqual(['One', '', 'Three']);
  });

  it('answers 413 body_too_large for a request body over 64 KiB', async () => {
    await start({});
    const ghana = await server.token(ROOM, 'Ghana');
    const refused = await postThread(server, ROOM, ghana, { clauseId: clause, body: 'x'.repeat(70 * 1024) });
    expect([refused.status, errorCode(refused)]).toEqual([413, 'body_too_large']);
    expect(await threads(ghana)).toEqual([]);
  });
});

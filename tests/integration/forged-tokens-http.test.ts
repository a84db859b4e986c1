import { request } from 'node:http';
import type { CommentThread } from '@plenary/protocol';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, createRoom } from '../support/api.js';
import { type BystanderRoom, startBystanderRoom } from '../support/bystander-room.js';
import { clauseIds, postThread } from '../support/comments.js';
import { startTestServer, TEST_SECRET, type TestServer } from '../support/server.js';

const ROOM = 'forged-room';
const KEY = new TextEncoder().encode(TEST_SECRET);
const now = () => Math.floor(Date.now() / 1000);
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A chair's claims for the room: a forged token that passed would let its holder do anything. */
const chairClaims = (extra: Record<string, unknown> = {}) => ({
  room: ROOM,
  delegation: 'Mallory',
  role: 'chair',
  exp: now() + 600,
  ...extra,
});

function sign(claims: Record<string, unknown>, options: { alg?: string; key?: Uint8Array } = {}): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' }).sign(options.key ?? KEY);
}

/** One kind of bad token and the answer every token-taking route must give it. */
interface Forgery {
  readonly name: string;
  readonly token: () => Promise<string>;
  readonly status: number;
  readonly code: string;
  readonly message?: RegExp;
}

const FORGERIES: readonly Forgery[] = [
  {
    name: 'alg none',
    token: async () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(chairClaims())}.`,
    status: 401,
    code: 'invalid_token',
  },
  {
    name: 'another algorithm (HS512) with the right secret',
    token: () => sign(chairClaims(), { alg: 'HS512' }),
    status: 401,
    code: 'invalid_token',
  },
  {
    name: 'the wrong secret',
    token: () => sign(chairClaims(), { key: new TextEncoder().encode('another-secret-another-secret-0123456789') }),
    status: 401,
    code: 'invalid_token',
  },
  {
    name: 'an operator claim with the wrong secret',
    token: () =>
      sign(chairClaims({ room: '*' }), { key: new TextEncoder().encode('another-secret-another-secret-0123456789') }),
    status: 401,
    code: 'invalid_token',
  },
  {
    name: 'expired',
    token: () => sign(chairClaims({ exp: now() - 60 })),
    status: 401,
    code: 'invalid_token',
    message: /expired/,
  },
  {
    name: 'not yet valid',
    token: () => sign(chairClaims({ nbf: now() + 3600 })),
    status: 401,
    code: 'invalid_token',
    message: /nbf/,
  },
  { name: 'another room', token: () => sign(chairClaims({ room: 'elsewhere' })), status: 403, code: 'wrong_room' },
  {
    name: 'an unknown role',
    token: () => sign(chairClaims({ role: 'admin' })),
    status: 401,
    code: 'invalid_token',
    message: /role/,
  },
  {
    name: 'no exp',
    token: () => {
      const { exp: _exp, ...claims } = chairClaims();
      return sign(claims);
    },
    status: 401,
    code: 'invalid_token',
    message: /exp/,
  },
  {
    name: 'over 4096 characters',
    token: () => sign(chairClaims({ pad: 'x'.repeat(8_000) })),
    status: 401,
    code: 'invalid_token',
    message: /too long/,
  },
  {
    name: '100 KB',
    token: () => sign(chairClaims({ pad: 'x'.repeat(100_000) })),
    status: 431,
    code: 'headers_too_large',
  },
];

/** The answer to one HTTP request: status and parsed JSON body. */
interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * Sends a request with `token` as bearer over `node:http`, which reads the answer even when the
 * server answers (431) before reading the whole request.
 */
function send(server: TestServer, method: string, path: string, token: string, body?: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? null : JSON.stringify(body);
    let settled = false;
    const req = request(
      {
        host: '127.0.0.1',
        port: server.server.port,
        method,
        path,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload === null
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          settled = true;
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : null });
        });
      },
    );
    // The server may close after answering, before the request is written out: that is not a failure.
    req.on('error', (error) => {
      if (!settled) reject(error);
    });
    req.end(payload ?? undefined);
  });
}

describe('forged and invalid tokens on the HTTP routes of a room', () => {
  let server: TestServer;
  let chair: string;
  let thread: CommentThread;
  let bystanders: BystanderRoom;
  /** Every route of `/api/rooms/<room>` that takes a token, with a body it would accept. */
  let routes: readonly { method: string; path: string; body?: unknown }[];

  beforeAll(async () => {
    server = await startTestServer();
    chair = await createRoom(server, ROOM, 'Original title');
    bystanders = await startBystanderRoom(server);
    const clause = (await clauseIds(server, ROOM))[0] as string;
    const started = await postThread(server, ROOM, chair, { clauseId: clause, body: 'First point' });
    expect(started.status).toBe(201);
    thread = started.body as CommentThread;
    const message = thread.messages[0]?.id ?? 'missing';
    const base = `/api/rooms/${ROOM}`;
    routes = [
      { method: 'GET', path: base },
      { method: 'PATCH', path: base, body: { title: 'Forged title' } },
      { method: 'DELETE', path: base },
      { method: 'GET', path: `${base}/session` },
      { method: 'POST', path: `${base}/session/renew` },
      { method: 'GET', path: `${base}/export?format=json&mode=clean` },
      { method: 'POST', path: `${base}/invites`, body: { delegation: 'Mallory', role: 'chair' } },
      { method: 'GET', path: `${base}/settings` },
      { method: 'PATCH', path: `${base}/settings`, body: { mode: 'formal' } },
      { method: 'POST', path: `${base}/revocations`, body: { delegation: 'France' } },
      { method: 'GET', path: `${base}/access` },
      { method: 'POST', path: `${base}/archive` },
      { method: 'GET', path: `${base}/comments` },
      { method: 'POST', path: `${base}/comments`, body: { clauseId: clause, body: 'Forged' } },
      { method: 'GET', path: `${base}/comments/${thread.id}` },
      { method: 'POST', path: `${base}/comments/${thread.id}/resolve` },
      { method: 'POST', path: `${base}/comments/${thread.id}/messages`, body: { body: 'Forged reply' } },
      { method: 'PATCH', path: `${base}/comments/${thread.id}/messages/${message}`, body: { body: 'Forged edit' } },
      { method: 'DELETE', path: `${base}/comments/${thread.id}/messages/${message}` },
    ];
  });
  afterAll(async () => {
    bystanders.close();
    await server.stop();
  });

  for (const forgery of FORGERIES) {
    it(`refuses a token with ${forgery.name} on every route with ${forgery.status} ${forgery.code}`, async () => {
      const token = await forgery.token();
      for (const route of routes) {
        const answer = await send(server, route.method, route.path, token, route.body);
        const label = `${route.method} ${route.path.split('?')[0]}`;
        expect({ route: label, status: answer.status }).toEqual({ route: label, status: forgery.status });
        const error = (answer.body as { error?: { code?: string; message?: string } } | null)?.error;
        expect({ route: label, code: error?.code }).toEqual({ route: label, code: forgery.code });
        expect(typeof error?.message).toBe('string');
        if (forgery.message) expect(error?.message).toMatch(forgery.message);
      }
    });
  }

  it('leaves the room as it was after every refused request', async () => {
    const record = await callApi(server, 'GET', `rooms/${ROOM}`, chair);
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({ id: ROOM, title: 'Original title' });
    expect(await server.server.storage.getRoomStatus(ROOM)).toBe('active');
    expect(await server.server.storage.listRevocations(ROOM)).toEqual([]);
    expect((await server.server.storage.getRoomSettings(ROOM)).mode).toBe('informal');
    const access = await callApi(server, 'GET', `rooms/${ROOM}/access`, chair);
    expect(JSON.stringify(access.body)).not.toContain('Mallory');
    const comments = await callApi(server, 'GET', `rooms/${ROOM}/comments`, chair);
    expect(comments.body).toEqual({ threads: [thread] });
    await bystanders.expectUntouched();
  });
});

import { request } from 'node:http';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { connectClient, whenSynced } from '../support/clients.js';
import { openRaw, type UpgradeResult } from '../support/raw-socket.js';
import { startTestServer, TEST_SECRET, useOperatorServer } from '../support/server.js';

const KEY = new TextEncoder().encode(TEST_SECRET);
const now = () => Math.floor(Date.now() / 1000);
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs `claims` with `alg` and `key` (the server's secret unless told otherwise). */
function sign(claims: Record<string, unknown>, options: { alg?: string; key?: Uint8Array } = {}): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' }).sign(options.key ?? KEY);
}

const claims = (room: string, extra: Record<string, unknown> = {}) => ({
  room,
  delegation: 'Ghana',
  role: 'delegate',
  exp: now() + 600,
  ...extra,
});

/**
 * Sends an upgrade request for exactly `path` (no URL normalisation, unlike a websocket client,
 * which would resolve `../`) and resolves with the HTTP status, 101 when the upgrade succeeds.
 */
function upgradeStatus(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': Buffer.from('0123456789abcdef').toString('base64'),
      },
    });
    req.on('upgrade', (_response, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('checks at the websocket upgrade', () => {
  const ctx = useOperatorServer();

  const url = (room: string, token?: string) => `${ctx.server.wsUrl}/${room}${token ? `?token=${token}` : ''}`;

  async function status(result: Promise<UpgradeResult>): Promise<number> {
    const outcome = await result;
    if (!outcome.ok) return outcome.status;
    outcome.socket.close();
    return 101;
  }

  it('refuses invalid room ids with 400, even with an operator token', async () => {
    const bad = ['../', '%2e%2e%2f', 'a'.repeat(65), 'a/b', 'https:%2F%2Fx', 'a%00b', '', 'caf%C3%A9', 'a.b'];
    for (const room of bad) {
      expect({
        room,
        status: await upgradeStatus(ctx.server.server.port, `/collab/${room}?token=${ctx.operator}`),
      }).toEqual({
        room,
        status: 400,
      });
      expect({ room, status: await upgradeStatus(ctx.server.server.port, `/collab/${room}`) }).toEqual({
        room,
        status: 400,
      });
    }
    expect(await status(openRaw(url('a/b', ctx.operator)))).toBe(400);
    expect(await status(openRaw(url('a'.repeat(65), ctx.operator)))).toBe(400);
    expect(await status(openRaw(url('a'.repeat(64), ctx.operator)))).toBe(101);
  });

  it('refuses a missing token with 401', async () => {
    expect(await status(openRaw(url('room-1')))).toBe(401);
    expect(await status(openRaw(`${url('room-1')}?token=`))).toBe(401);
  });

  it('refuses forged, expired and incomplete tokens with 401', async () => {
    const forged = {
      'bad signature': await sign(claims('room-1'), {
        key: new TextEncoder().encode('another-secret-another-secret-0123456'),
      }),
      expired: await sign(claims('room-1', { exp: now() - 60 })),
      'not yet valid': await sign(claims('room-1', { nbf: now() + 600 })),
      'alg none': `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims('room-1'))}.`,
      'alg HS512 with the right key': await sign(claims('room-1'), { alg: 'HS512' }),
      'missing exp': await sign({ room: 'room-1', delegation: 'Ghana', role: 'delegate' }),
      'unknown role': await sign(claims('room-1', { role: 'president' })),
      'missing delegation': await sign({ room: 'room-1', role: 'delegate', exp: now() + 600 }),
      garbage: 'not-a-token',
      'too long': `${'a'.repeat(5000)}.b.c`,
    };
    for (const [what, token] of Object.entries(forged)) {
      expect({ what, status: await status(openRaw(url('room-1', token))) }).toEqual({ what, status: 401 });
    }
  });

  it('refuses a 100 KB token before reading it, at the upgrade and over HTTP, and stays up', async () => {
    const huge = `${'a'.repeat(100 * 1024)}.b.c`;
    // Over the HTTP header limit: Node answers 431 before any code of ours runs.
    expect([401, 431]).toContain(await upgradeStatus(ctx.server.server.port, `/collab/room-1?token=${huge}`));
    expect([401, 431]).toContain(await status(openRaw(url('room-1'), { protocols: [huge.slice(0, 60_000)] })));
    const http = await fetch(`${ctx.server.httpUrl}/api/rooms/room-1/session`, {
      headers: { authorization: `Bearer ${huge.slice(0, 12_000)}` },
    });
    expect([401, 431]).toContain(http.status);
    expect(await ctx.server.server.rooms.peek('room-1')).toBeNull();
    expect((await fetch(`${ctx.server.httpUrl}/healthz`)).status).toBe(200);
  });

  it('refuses a token for another room with 403', async () => {
    const token = await sign(claims('room-2'));
    expect(await status(openRaw(url('room-1', token)))).toBe(403);
    expect(await status(openRaw(url('room-2', token)))).toBe(101);
  });

  it('refuses a cross-origin browser with 403 and accepts same-origin and non-browser clients', async () => {
    const token = await ctx.server.token('room-o', 'Ghana');
    const evil = { headers: { Origin: 'https://evil.example' } };
    expect(await status(openRaw(url('room-o', token), evil))).toBe(403);
    // The order of checks holds: a bad room id or a missing token is reported first.
    expect(await status(openRaw(url('a/b', token), evil))).toBe(400);
    expect(await status(openRaw(url('room-o'), evil))).toBe(401);
    const same = { headers: { Origin: `http://127.0.0.1:${ctx.server.server.port}` } };
    expect(await status(openRaw(url('room-o', token), same))).toBe(101);
    expect(await status(openRaw(url('room-o', token)))).toBe(101);
  });

  it('opens no room and stores nothing for a refused upgrade', async () => {
    const fresh = await startTestServer();
    try {
      const wrong = await fresh.token('other', 'Ghana');
      const attempts = [
        openRaw(`${fresh.wsUrl}/target`),
        openRaw(`${fresh.wsUrl}/target?token=${wrong}`),
        openRaw(`${fresh.wsUrl}/target?token=${await fresh.token('target', 'Ghana')}`, {
          headers: { Origin: 'https://evil.example' },
        }),
      ];
      for (const attempt of attempts) expect(await status(attempt)).not.toBe(101);
      expect(fresh.server.rooms.size).toBe(0);
      expect(await fresh.server.storage.getRoom('target')).toBeNull();
    } finally {
      await fresh.stop();
    }
  });

  it('takes the token from Sec-WebSocket-Protocol and echoes it back', async () => {
    const token = await ctx.server.token('room-p', 'Ghana');
    const opened = await openRaw(url('room-p'), { protocols: [token] });
    expect(opened.ok).toBe(true);
    if (opened.ok) {
      expect(opened.socket.protocol).toBe(token);
      opened.socket.close();
    }
    const wrong = await openRaw(url('room-q'), { protocols: [token] });
    expect(wrong).toEqual({ ok: false, status: 403 });

    // The stock provider with the token in `protocols` (how the web app connects) syncs.
    const client = connectClient(ctx.server.wsUrl, 'room-p', '', { protocols: [token] });
    try {
      await whenSynced(client.provider);
      expect(client.provider.wsconnected).toBe(true);
    } finally {
      client.destroy();
    }
  });

  it('lets an operator token open any room', async () => {
    for (const room of ['any-1', 'any-2', 'Z_9-x']) {
      expect(await status(openRaw(url(room, ctx.operator)))).toBe(101);
    }
  });
});

import { CloseCode } from '@plenary/protocol';
import { DEFAULT_LIMITS } from '@plenary/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { connectRaw, whenClosed } from '../support/raw-socket.js';
import { startTestServer, type TestServer } from '../support/server.js';

const CAP = 3;
const ROOM = 'capped';

describe('connections per token', () => {
  let server: TestServer;
  const sockets: WebSocket[] = [];
  beforeEach(async () => {
    server = await startTestServer({ config: { limits: { ...DEFAULT_LIMITS, maxConnectionsPerToken: CAP } } });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.terminate();
    await server.stop();
  });

  function connect(token: string): Promise<'open' | { code: number; reason: string }> {
    return connectRaw(`${server.wsUrl}/${ROOM}?token=${token}`, sockets);
  }

  it('closes connections beyond the cap with 4529, counts other tokens apart, and frees a slot on close', async () => {
    const token = await server.token(ROOM, 'France');
    for (let i = 0; i < CAP; i++) expect(await connect(token)).toBe('open');
    expect(await connect(token)).toEqual({
      code: CloseCode.rateLimited,
      reason: 'too many connections for this token',
    });
    expect(await connect(await server.token(ROOM, 'Brazil'))).toBe('open');

    const first = sockets[0] as WebSocket;
    const closed = whenClosed(first);
    first.close();
    await closed;
    // The server may see the close after the client does; retry until the slot is free.
    let again = await connect(token);
    for (let tries = 0; again !== 'open' && tries < 50; tries++) again = await connect(token);
    expect(again).toBe('open');
  });
});

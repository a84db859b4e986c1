import { CloseCode } from '@plenary/protocol';
import { type Config, DEFAULT_LIMITS } from '@plenary/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { connectRaw } from '../support/raw-socket.js';
import { startTestServer, type TestServer } from '../support/server.js';

const CAP = 2;
const ROOM = 'proxied';

describe('connections per forwarded address', () => {
  let server: TestServer;
  const sockets: WebSocket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.terminate();
    await server.stop();
  });

  async function start(config: Partial<Config>): Promise<void> {
    server = await startTestServer({
      config: { limits: { ...DEFAULT_LIMITS, maxConnectionsPerAddress: CAP }, ...config },
    });
  }

  /** Connects with a fresh token each time, so only the address is shared. */
  async function connect(forwardedFor: string): Promise<'open' | { code: number; reason: string }> {
    const token = await server.token(ROOM, `D${sockets.length}`);
    return connectRaw(`${server.wsUrl}/${ROOM}?token=${token}`, sockets, { 'X-Forwarded-For': forwardedFor });
  }

  it('caps the last hop of X-Forwarded-For behind a trusted proxy', async () => {
    await start({ trustProxy: true });
    for (let i = 0; i < CAP; i++) expect(await connect(`198.51.100.${i}, 203.0.113.7`)).toBe('open');
    expect(await connect('203.0.113.7')).toEqual({
      code: CloseCode.rateLimited,
      reason: 'too many connections from this address',
    });
    expect(await connect('203.0.113.8')).toBe('open');
  });

  it('applies no address cap without a trusted proxy', async () => {
    await start({ trustProxy: false });
    for (let i = 0; i <= CAP; i++) expect(await connect('203.0.113.7')).toBe('open');
  });
});

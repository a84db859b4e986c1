import { connect } from 'node:net';
import { DEFAULT_PRE_AUTH_TIMEOUT_MS, parseConfig } from '@plenary/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type HostileRoom, startHostileRoom, TARGET_ROOM } from '../support/hostile.js';

const DEADLINE_MS = 400;

/** What the server wrote to a raw TCP socket before closing it, and when it closed. */
interface Closed {
  readonly response: string;
  readonly afterMs: number;
}

/** Opens a raw TCP socket to `port`, writes `bytes` (never a complete request) and waits. */
function holdOpen(port: number, bytes: string): Promise<Closed> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let response = '';
    const socket = connect(port, '127.0.0.1', () => {
      if (bytes) socket.write(bytes);
    });
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      response += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve({ response, afterMs: Date.now() - started }));
  });
}

describe('a socket that never completes its request headers', () => {
  let room: HostileRoom;
  beforeEach(async () => {
    room = await startHostileRoom({ config: { preAuthTimeoutMs: DEADLINE_MS } });
  });
  afterEach(async () => {
    await room.close();
  });

  it('is answered 408 and closed once the pre-authentication deadline passes', async () => {
    const port = room.server.server.port;
    const token = await room.server.token(TARGET_ROOM, 'Mallory');
    const [silent, partial] = await Promise.all([
      holdOpen(port, ''),
      // An upgrade with its token whose headers never end (no blank line).
      holdOpen(
        port,
        `GET /collab/${TARGET_ROOM}?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n`,
      ),
    ]);
    for (const closed of [silent, partial]) {
      expect(closed.response).toMatch(/^HTTP\/1\.1 408 /);
      expect(closed.afterMs).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
      expect(closed.afterMs).toBeLessThan(DEADLINE_MS + 5_000);
    }
    // The deadline applies only until the headers are in: the room's client, connected for
    // longer than the deadline, is untouched.
    expect(room.reference.provider.wsconnected).toBe(true);
    await room.expectIntact();
  });

  it('is configured by PLENARY_PRE_AUTH_TIMEOUT_MS, 60 s by default', () => {
    expect(parseConfig({}).preAuthTimeoutMs).toBe(DEFAULT_PRE_AUTH_TIMEOUT_MS);
    expect(DEFAULT_PRE_AUTH_TIMEOUT_MS).toBe(60_000);
    expect(parseConfig({ PLENARY_PRE_AUTH_TIMEOUT_MS: '5000' }).preAuthTimeoutMs).toBe(5000);
    expect(() => parseConfig({ PLENARY_PRE_AUTH_TIMEOUT_MS: '10' })).toThrow(/PLENARY_PRE_AUTH_TIMEOUT_MS/);
  });
});

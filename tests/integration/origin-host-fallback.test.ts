import { afterEach, describe, expect, it } from 'vitest';
import { openRaw, type UpgradeResult } from '../support/raw-socket.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ROOM = 'room-origin';

/** The upgrade's HTTP status (101 when it opened); closes an opened socket. */
async function status(attempt: Promise<UpgradeResult>): Promise<number> {
  const result = await attempt;
  if (!result.ok) return result.status;
  result.socket.close();
  return 101;
}

describe('a browser origin matching the Host it connected to', () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.stop();
    server = null;
  });

  /** A browser-like upgrade: `Host` and `Origin` both name `host` (with the server's port). */
  async function browserUpgrade(running: TestServer, host: string, token: string): Promise<number> {
    const authority = `${host}:${running.server.port}`;
    return status(
      openRaw(`${running.wsUrl}/${ROOM}?token=${token}`, {
        headers: { Host: authority, Origin: `http://${authority}` },
      }),
    );
  }

  it('is refused with 403 for a DNS name when no public URL names it (DNS rebinding)', async () => {
    server = await startTestServer();
    const token = await server.token(ROOM, 'Ghana');
    expect(await browserUpgrade(server, 'rebound.example', token)).toBe(403);
    expect(await browserUpgrade(server, 'plenary.internal', token)).toBe(403);
    // The same client without an Origin (not a browser) is let through.
    expect(
      await status(
        openRaw(`${server.wsUrl}/${ROOM}?token=${token}`, {
          headers: { Host: `rebound.example:${server.server.port}` },
        }),
      ),
    ).toBe(101);
  });

  it('is accepted for localhost and IP address literals', async () => {
    server = await startTestServer();
    const token = await server.token(ROOM, 'Ghana');
    expect(await browserUpgrade(server, 'localhost', token)).toBe(101);
    expect(await browserUpgrade(server, '127.0.0.1', token)).toBe(101);
    expect(await browserUpgrade(server, '[::1]', token)).toBe(101);
    expect(await browserUpgrade(server, '192.168.10.20', token)).toBe(101);
    // The Origin must still be the Host it connected to.
    const port = server.server.port;
    expect(
      await status(
        openRaw(`${server.wsUrl}/${ROOM}?token=${token}`, {
          headers: { Host: `127.0.0.1:${port}`, Origin: `http://127.0.0.2:${port}` },
        }),
      ),
    ).toBe(403);
  });

  it('is accepted for a DNS name that PLENARY_PUBLIC_URL or PLENARY_ALLOWED_ORIGINS names', async () => {
    server = await startTestServer({
      config: { publicUrl: 'https://plenary.example', allowedOrigins: ['http://dev.plenary.example:5173'] },
    });
    const token = await server.token(ROOM, 'Ghana');
    const url = `${server.wsUrl}/${ROOM}?token=${token}`;
    expect(
      await status(openRaw(url, { headers: { Host: 'plenary.example', Origin: 'https://plenary.example' } })),
    ).toBe(101);
    expect(
      await status(
        openRaw(url, { headers: { Host: 'dev.plenary.example:5173', Origin: 'http://dev.plenary.example:5173' } }),
      ),
    ).toBe(101);
    expect(await status(openRaw(url, { headers: { Host: 'other.example', Origin: 'https://other.example' } }))).toBe(
      403,
    );
  });
});

import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CloseCode } from '@plenary/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, type TestClient, waitFor, whenSynced } from '../support/clients.js';
import { openRaw, whenClosed } from '../support/raw-socket.js';
import { makeDataDir } from '../support/server.js';
import { freePort, healthStatus, mintToken, type SpawnedServer, spawnServer } from '../support/spawned-server.js';

describe('SIGTERM', () => {
  let server: SpawnedServer | null = null;
  let dataDir: string | null = null;
  const clients: TestClient[] = [];

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server?.kill();
    server = null;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    dataDir = null;
  });

  it('drains: health goes away, clients get 1012, the process exits 0 and the data is kept', async () => {
    dataDir = makeDataDir();
    const port = await freePort();
    server = await spawnServer(dataDir, port);
    expect(existsSync(join(dataDir, 'server.pid'))).toBe(true);

    const writer = connectClient(server.wsUrl, 'drain', await mintToken('drain', 'Norway'));
    const reader = connectClient(server.wsUrl, 'drain', await mintToken('drain', 'Peru'));
    clients.push(writer, reader);
    await Promise.all([whenSynced(writer.provider), whenSynced(reader.provider)]);
    const closeCodes: number[] = [];
    writer.provider.on('connection-close', (event) => {
      if (event) closeCodes.push(event.code);
    });
    writer.doc.getText('t').insert(0, 'Affirms the applicability of international law');
    await waitFor(() => reader.doc.getText('t').length > 0, 'the write reaches another client (so it is stored)');

    const raw = await openRaw(`${server.wsUrl}/drain-other?token=${await mintToken('drain-other', 'Chile')}`);
    if (!raw.ok) throw new Error(`raw socket refused with ${raw.status}`);
    const rawClosed = whenClosed(raw.socket);

    server.child.kill('SIGTERM');
    const { code, reason } = await rawClosed;
    expect(code).toBe(CloseCode.restarting);
    expect(reason).toMatch(/restarting/);
    // Answers 503 while draining, or nothing once the listener is closed; never healthy again.
    const httpUrl = server.httpUrl;
    let health = 200;
    const deadline = Date.now() + 10_000;
    while (health === 200 && Date.now() < deadline) health = await healthStatus(httpUrl);
    expect([0, 503]).toContain(health);

    const exit = await server.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    server = null;
    await waitFor(() => closeCodes.includes(CloseCode.restarting), 'the stock client saw close code 1012');
    expect(existsSync(join(dataDir, 'server.pid'))).toBe(false);

    // The stock clients keep retrying (1012 is retryable) and resync once the server is back.
    server = await spawnServer(dataDir, port);
    const fresh = connectClient(server.wsUrl, 'drain', await mintToken('drain', 'Fiji'));
    clients.push(fresh);
    await whenSynced(fresh.provider);
    expect(fresh.doc.getText('t').toString()).toBe('Affirms the applicability of international law');
    await waitFor(() => writer.provider.synced && reader.provider.synced, 'the old clients reconnect');
  });

  it('never leaves a websocket opened during the drain running', async () => {
    dataDir = makeDataDir();
    const port = await freePort();
    server = await spawnServer(dataDir, port);
    const token = await mintToken('late', 'Ghana');
    // Hold a connection so the drain has something to close, then ask for a new one right after the signal.
    const held = await openRaw(`${server.wsUrl}/late?token=${token}`);
    if (!held.ok) throw new Error(`raw socket refused with ${held.status}`);
    const heldClosed = whenClosed(held.socket);
    server.child.kill('SIGTERM');
    const late = await openRaw(`${server.wsUrl}/late?token=${token}`);
    // Either the drain refused the upgrade (503) or the listener was already closed (no answer).
    if (late.ok) {
      // The upgrade raced ahead of the signal: it must then be drained like any other.
      expect((await whenClosed(late.socket)).code).toBe(CloseCode.restarting);
    } else {
      expect([0, 503]).toContain(late.status);
    }
    expect((await heldClosed).code).toBe(CloseCode.restarting);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    server = null;
  });
});

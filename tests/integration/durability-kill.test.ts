import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteStorage } from '@plenary/server';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, type TestClient, waitFor, whenSynced } from '../support/clients.js';
import { makeDataDir } from '../support/server.js';
import { freePort, mintToken, type SpawnedServer, spawnServer } from '../support/spawned-server.js';

const ROOM = 'kill-9';
const TOKEN_PATTERN = /\[w\d-\d+\]/g;

function tokensIn(text: string): Set<string> {
  return new Set(text.match(TOKEN_PATTERN) ?? []);
}

/** Reads the room's document straight from the SQLite file of a stopped server. */
async function storedText(dataDir: string): Promise<string> {
  const storage = new SqliteStorage({ file: join(dataDir, 'plenary.db') });
  try {
    await storage.migrate();
    const stored = await storage.loadDocument(ROOM);
    const doc = new Y.Doc();
    for (const part of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) {
      Y.applyUpdate(doc, part);
    }
    const text = doc.getText('t').toString();
    doc.destroy();
    return text;
  } finally {
    await storage.close();
  }
}

/** A stock client that appends a unique token to the shared text every few milliseconds. */
class Typist {
  readonly typed: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  constructor(
    readonly index: number,
    readonly client: TestClient,
  ) {}
  start(): void {
    this.timer = setInterval(() => {
      const token = `[w${this.index}-${this.typed.length}]`;
      const text = this.client.doc.getText('t');
      text.insert(text.length, token);
      this.typed.push(token);
    }, 3);
  }
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

describe('durability across kill -9', () => {
  let server: SpawnedServer | null = null;
  let dataDir: string | null = null;
  const clients: TestClient[] = [];
  const typists: Typist[] = [];

  afterEach(async () => {
    for (const typist of typists.splice(0)) typist.stop();
    for (const client of clients.splice(0)) client.destroy();
    await server?.kill();
    server = null;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    dataDir = null;
  });

  it('keeps every update an observer received and reconverges all clients after a restart', async () => {
    dataDir = makeDataDir();
    const port = await freePort();
    server = await spawnServer(dataDir, port);
    const wsUrl = server.wsUrl;

    const observer = connectClient(wsUrl, ROOM, await mintToken(ROOM, 'Observer', 'observer'));
    clients.push(observer);
    const received: Uint8Array[] = [];
    observer.doc.on('update', (update: Uint8Array) => received.push(update));
    await whenSynced(observer.provider);

    for (let i = 0; i < 5; i++) {
      const client = connectClient(wsUrl, ROOM, await mintToken(ROOM, `Delegation ${i}`));
      clients.push(client);
      typists.push(new Typist(i, client));
    }
    await Promise.all(typists.map((typist) => whenSynced(typist.client.provider)));
    for (const typist of typists) typist.start();

    // Let the observer see a good amount of typing from everyone, then kill the server mid-typing.
    await waitFor(
      () => {
        const seen = tokensIn(observer.doc.getText('t').toString());
        return (
          typists.every((typist) => [...seen].some((token) => token.startsWith(`[w${typist.index}-`))) &&
          seen.size >= 200
        );
      },
      'observer sees typing from all five clients',
      30_000,
    );
    const killed = await server.kill();
    expect(killed.signal).toBe('SIGKILL');
    server = null;
    await waitFor(() => !observer.provider.wsconnected, 'observer notices the server is gone');

    // Everything the observer received (it writes nothing itself), rebuilt from its updates.
    const observed = new Y.Doc();
    for (const update of received) Y.applyUpdate(observed, update);
    const seen = tokensIn(observed.getText('t').toString());
    observed.destroy();
    expect(seen.size).toBeGreaterThanOrEqual(200);

    // Before any client can resend anything, the file on disk must already hold all of it.
    const onDisk = tokensIn(await storedText(dataDir));
    const lost = [...seen].filter((token) => !onDisk.has(token));
    expect(lost).toEqual([]);

    // Keep typing while the server is down; then restart it on the same port and data dir.
    const typedWhileDown = typists.map((typist) => typist.typed.length);
    await waitFor(
      () => typists.every((typist, i) => typist.typed.length > (typedWhileDown[i] ?? 0) + 5),
      'typing continues offline',
    );
    server = await spawnServer(dataDir, port);
    await waitFor(
      () => clients.every((client) => client.provider.synced),
      'every provider reconnects and syncs on its own',
      30_000,
    );
    for (const typist of typists) typist.stop();

    const fresh = connectClient(server.wsUrl, ROOM, await mintToken(ROOM, 'Latecomer'));
    clients.push(fresh);
    await whenSynced(fresh.provider);
    const allTyped = typists.flatMap((typist) => typist.typed);
    const everyone = [...clients];
    await waitFor(
      () => {
        const reference = fresh.doc.getText('t').toString();
        return (
          everyone.every((client) => client.doc.getText('t').toString() === reference) &&
          allTyped.every((token) => reference.includes(token))
        );
      },
      'all clients converge on every token typed before, during and after the outage',
      30_000,
    );
    const final = tokensIn(fresh.doc.getText('t').toString());
    expect([...seen].filter((token) => !final.has(token))).toEqual([]);
    expect(final.size).toBe(allTyped.length);
  });
});

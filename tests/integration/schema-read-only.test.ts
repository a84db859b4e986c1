import { join } from 'node:path';
import { SqliteStorage } from '@plenary/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectClient, type TestClient, waitFor, waitForAsync, whenSynced } from '../support/clients.js';
import { countStored } from '../support/hostile.js';
import { openRaw } from '../support/raw-socket.js';
import { makeDataDir, startTestServer, type TestServer } from '../support/server.js';

/** A room recorded as made with schema version 2, one newer than a client of version 1. */
const ROOM = 'newer-schema';

describe('the schema-version gate', () => {
  let server: TestServer;
  const clients: TestClient[] = [];

  beforeEach(async () => {
    const dataDir = makeDataDir();
    const seed = new SqliteStorage({ file: join(dataDir, 'plenary.db') });
    await seed.migrate();
    const now = Date.now();
    await seed.putRoom({
      id: ROOM,
      title: 'Draft',
      symbol: null,
      template: null,
      schemaVersion: 2,
      createdAt: now,
      updatedAt: now,
    });
    await seed.close();
    server = await startTestServer({ dataDir });
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.stop();
  });

  async function joinRoom(delegation: string, params: Record<string, string>): Promise<TestClient> {
    const client = connectClient(server.wsUrl, ROOM, await server.token(ROOM, delegation), { params });
    clients.push(client);
    await whenSynced(client.provider);
    return client;
  }

  it('opens the room read-only for a client with an older schema, which still receives edits', async () => {
    const current = await joinRoom('Kenya', { schema: '2' });
    const older = await joinRoom('Chile', { schema: '1' });
    const stored = await countStored(server, ROOM);

    older.doc.getText('t').insert(0, 'FROM-OLDER');
    current.doc.getText('t').insert(0, 'FROM-CURRENT ');
    await waitFor(() => older.doc.getText('t').toString().includes('FROM-CURRENT'), 'the older client receives edits');
    // The older client's edit came first on its socket; the current one's arriving proves it was handled.
    await waitForAsync(async () => (await countStored(server, ROOM)) > stored, 'the current edit is stored');
    expect(await countStored(server, ROOM)).toBe(stored + 1);
    expect(current.doc.getText('t').toString()).toBe('FROM-CURRENT ');
    const third = await joinRoom('Peru', {});
    expect(third.doc.getText('t').toString()).toBe('FROM-CURRENT ');
  });

  it('takes a client that names no schema (a stock client) as current', async () => {
    const stock = await joinRoom('Kenya', {});
    const other = await joinRoom('Chile', { schema: '2' });
    stock.doc.getText('t').insert(0, 'STOCK');
    await waitFor(() => other.doc.getText('t').toString() === 'STOCK', 'the stock client’s edit arrives');
  });

  it('refuses a schema parameter that is not a version with 400 invalid_schema', async () => {
    const token = await server.token(ROOM, 'Kenya');
    for (const value of ['0', '-1', 'abc', '1.5', '']) {
      const opened = await openRaw(`${server.wsUrl}/${ROOM}?token=${token}&schema=${value}`);
      expect(opened.ok ? 'opened' : opened.status).toBe(400);
    }
  });
});

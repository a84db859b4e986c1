import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createRoom } from '../support/api.js';
import { connectClient, type TestClient, waitFor, waitForAsync, whenSynced } from '../support/clients.js';
import { clauseIds, listenForComments, postThread } from '../support/comments.js';
import { startRedis, type TestRedis } from '../support/redis-server.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { storedDocument } from '../support/stored.js';

const DATABASE_URL = process.env.DATABASE_URL || null;
const skipReason =
  DATABASE_URL || process.env.CI
    ? null
    : 'cluster tests skipped: DATABASE_URL is not set (e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)';
if (skipReason) console.warn(skipReason);

describe.skipIf(skipReason !== null)('two server processes on one PostgreSQL and one Redis', () => {
  const schema = `cluster_${process.pid}_${randomBytes(4).toString('hex')}`;
  let redis: TestRedis;
  let servers: TestServer[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    if (!DATABASE_URL) throw new Error('DATABASE_URL must be set for the cluster tests (CI runs them always)');
    redis = await startRedis();
    const config = { databaseUrl: DATABASE_URL, databaseSchema: schema, redisUrl: redis.url };
    servers = await Promise.all([startTestServer({ config }), startTestServer({ config })]);
  });

  afterAll(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const server of servers) await server.stop();
    await redis?.stop();
    const admin = new pg.Client({ connectionString: DATABASE_URL ?? '' });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  async function join(server: TestServer, room: string, delegation: string): Promise<TestClient> {
    const client = connectClient(server.wsUrl, room, await server.token(room, delegation));
    clients.push(client);
    await whenSynced(client.provider);
    return client;
  }

  const text = (client: TestClient) => client.doc.getText('t').toString();

  it('converges clients of one room split across the two processes on text and presence', async () => {
    const [one, two] = servers as [TestServer, TestServer];
    const a = await join(one, 'split', 'France');
    const b = await join(two, 'split', 'Brazil');
    a.doc.getText('t').insert(0, 'Recognizing ');
    b.doc.getText('t').insert(0, 'Noting ');
    await waitFor(() => text(a) === text(b) && text(a).length === 'Recognizing Noting '.length, 'text converges');
    a.provider.awareness.setLocalStateField('user', { name: 'Amélie' });
    await waitFor(() => b.provider.awareness.getStates().has(a.doc.clientID), 'presence crosses processes');
  });

  it('pushes a comment thread started on one process to a client of the other', async () => {
    const [one, two] = servers as [TestServer, TestServer];
    const chair = await createRoom(one, 'commented');
    const listener = await listenForComments(two, 'commented', chair);
    const [clauseId] = await clauseIds(one, 'commented');
    const posted = await postThread(one, 'commented', chair, { clauseId, body: 'See the preamble' });
    expect(posted.status).toBe(201);
    await waitFor(() => listener.threads.size === 1, 'the thread reaches the other process');
    listener.socket.close();
  });

  it('gives a client joining on the other process everything stored on the first', async () => {
    const [one, two] = servers as [TestServer, TestServer];
    const a = await join(one, 'late', 'Kenya');
    a.doc.getText('t').insert(0, 'Calls upon all States');
    await waitFor(() => text(a).length > 0, 'typed');
    const late = await join(two, 'late', 'Japan');
    await waitFor(() => text(late) === 'Calls upon all States', 'late joiner has the text');
  });

  it('leaves both processes with equal documents after both wrote while Redis was stopped, and Redis restarted', async () => {
    const [one, two] = servers as [TestServer, TestServer];
    const a = await join(one, 'outage', 'Chile');
    const b = await join(two, 'outage', 'Peru');
    a.doc.getText('t').insert(0, 'before ');
    await waitFor(() => text(b) === 'before ', 'before the outage');
    await redis.stop();
    for (let i = 0; i < 5; i++) {
      a.doc.getText('t').insert(text(a).length, `a${i} `);
      b.doc.getText('t').insert(0, `b${i} `);
      // Each process stores its client's write while it cannot publish it.
      await waitForAsync(async () => {
        const stored = (await storedDocument(one, 'outage')).getText('t').toString();
        return stored.includes(`a${i} `) && stored.includes(`b${i} `);
      }, `round ${i} stored during the outage`);
    }
    await redis.start();
    await waitFor(
      () => text(a) === text(b) && (text(a).match(/[ab]\d/g)?.length ?? 0) === 10,
      'documents equal',
      15_000,
    );
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(a.doc));
    expect(fresh.getText('t').toString()).toBe(text(b));
  });
});

import { CloseCode } from '@plenary/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { callApi, errorCode } from '../support/api.js';
import { waitForAsync } from '../support/clients.js';
import { connectRaw, whenClosed } from '../support/raw-socket.js';
import {
  type ClusterProcess,
  clusterSkipReason,
  type SpawnedCluster,
  startSpawnedCluster,
} from '../support/spawned-cluster.js';

if (clusterSkipReason) console.warn(clusterSkipReason);

const PER_TOKEN = 3;
const PER_ADDRESS = 2;
const COMMENT_BURST = 3;

describe.skipIf(clusterSkipReason !== null)('limits counted across the processes of a cluster', () => {
  let cluster: SpawnedCluster;
  const sockets: WebSocket[] = [];

  beforeAll(async () => {
    cluster = await startSpawnedCluster('limits', 2, {
      PLENARY_MAX_CONNECTIONS_PER_TOKEN: String(PER_TOKEN),
      PLENARY_MAX_CONNECTIONS_PER_ADDRESS: String(PER_ADDRESS),
      PLENARY_TRUST_PROXY: '1',
      PLENARY_COMMENT_WRITES_PER_MINUTE: '1',
      PLENARY_COMMENT_WRITE_BURST: String(COMMENT_BURST),
    });
  }, 120_000);

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.terminate();
  });

  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  const one = () => cluster.processes[0] as ClusterProcess;
  const two = () => cluster.processes[1] as ClusterProcess;

  function connect(node: ClusterProcess, room: string, token: string, address = '198.51.100.1') {
    return connectRaw(`${node.wsUrl}/${room}?token=${token}`, sockets, { 'x-forwarded-for': address });
  }

  const tokenRefusal = { code: CloseCode.rateLimited, reason: 'too many connections for this token' };

  it("refuses a token's connections past its cap wherever they are opened, and frees a slot on close", async () => {
    const token = await one().token('capped', 'France');
    expect(await connect(one(), 'capped', token, '198.51.100.10')).toBe('open');
    expect(await connect(one(), 'capped', token, '198.51.100.11')).toBe('open');
    expect(await connect(two(), 'capped', token, '198.51.100.12')).toBe('open');
    expect(await connect(two(), 'capped', token, '198.51.100.13')).toEqual(tokenRefusal);
    expect(await connect(one(), 'capped', token, '198.51.100.14')).toEqual(tokenRefusal);
    expect(await connect(two(), 'capped', await two().token('capped', 'Brazil'), '198.51.100.15')).toBe('open');

    const first = sockets[0] as WebSocket;
    const closed = whenClosed(first);
    first.close();
    await closed;
    // The server may see the close after the client does: retried until the slot is free.
    await waitForAsync(
      async () => (await connect(two(), 'capped', token, '198.51.100.16')) === 'open',
      'the slot freed on one process is taken on the other',
    );
  });

  it('refuses connections from one forwarded address past its cap across the processes', async () => {
    const address = '203.0.113.7';
    expect(await connect(one(), 'hall', await one().token('hall', 'Chile'), address)).toBe('open');
    expect(await connect(two(), 'hall', await two().token('hall', 'Peru'), address)).toBe('open');
    expect(await connect(two(), 'hall', await two().token('hall', 'Kenya'), address)).toEqual({
      code: CloseCode.rateLimited,
      reason: 'too many connections from this address',
    });
  });

  it('stops counting the connections of a process killed with SIGKILL once its liveness expires', async () => {
    const victim = await cluster.spawn();
    const token = await victim.token('orphaned', 'Japan');
    for (let i = 0; i < PER_TOKEN; i++) expect(await connect(victim, 'orphaned', token, `192.0.2.${i}`)).toBe('open');
    expect(await connect(one(), 'orphaned', token, '192.0.2.50')).toEqual(tokenRefusal);
    await victim.server.kill();
    // Its counts outlive it until its liveness key expires (docs/SCALING.md), then the token is free.
    await waitForAsync(
      async () => (await connect(one(), 'orphaned', token, '192.0.2.51')) === 'open',
      "the killed process's connections stop counting",
      40_000,
    );
  }, 60_000);

  it("counts a token's comment writes together on every process", async () => {
    const operator = await one().token('*', 'Secretariat', 'chair');
    const created = await callApi(one(), 'POST', 'rooms', operator, { id: 'remarks', title: 'Space norms' });
    expect(created.status).toBe(201);
    const chair = (created.body as { token: string }).token;
    const threads = await callApi(one(), 'GET', 'rooms/remarks/comments', chair);
    expect(threads.status).toBe(200);
    const session = await callApi(two(), 'GET', 'rooms/remarks/positions', chair);
    const clauseId = (session.body as { clauses: { clauseId: string }[] }).clauses[0]?.clauseId;
    const post = (node: ClusterProcess, body: string) =>
      callApi(node, 'POST', 'rooms/remarks/comments', chair, { clauseId, body });
    // The burst is taken on both processes together: the write past it is refused on either.
    const answers = [await post(one(), 'one'), await post(two(), 'two'), await post(one(), 'three')];
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    const over = await post(two(), 'four');
    expect(over.status).toBe(429);
    expect(errorCode(over)).toBe('comment_rate_limited');
    expect(errorCode(await post(one(), 'five'))).toBe('comment_rate_limited');
  });

  it('keeps accepting joins while Redis is down, each process applying the caps to its own connections', async () => {
    await cluster.redis.stop();
    try {
      const token = await one().token('offline-limits', 'Ghana');
      for (let i = 0; i < PER_TOKEN; i++) {
        expect(await connect(one(), 'offline-limits', token, `198.18.0.${i}`)).toBe('open');
      }
      expect(await connect(one(), 'offline-limits', token, '198.18.0.9')).toEqual(tokenRefusal);
      expect(await connect(two(), 'offline-limits', token, '198.18.0.10')).toBe('open');
    } finally {
      await cluster.redis.start();
    }
  });
});

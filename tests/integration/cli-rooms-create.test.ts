import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRoomDoc } from '@plenary/templates';
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { connectClient, type TestClient, whenSynced } from '../support/clients.js';
import { makeDataDir, startTestServer, type TestServer } from '../support/server.js';
import {
  freePort,
  mintToken,
  runCli,
  type SpawnedServer,
  serverEnv,
  spawnServer,
  testTokens,
} from '../support/spawned-server.js';
import { clauseYText } from '../support/y-draft.js';

const PORT = 43_211;

/** The texts of the first preambular and operative paragraphs of a Y.Doc's draft. */
function firstClauses(doc: Y.Doc): [string, string] {
  return [clauseYText(doc, 'pp', 0).toString(), clauseYText(doc, 'op', 0).toString()];
}

describe('plenary rooms create', () => {
  const dirs: string[] = [];
  const clients: TestClient[] = [];
  let server: TestServer | null = null;
  let spawned: SpawnedServer | null = null;

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server?.stop({ keepData: true });
    server = null;
    await spawned?.kill();
    spawned = null;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function tempDir(): string {
    const dir = makeDataDir();
    dirs.push(dir);
    return dir;
  }

  /** Joins `room` with `token` through a stock client and resolves once it is synced. */
  async function joinRoom(wsUrl: string, room: string, token: string): Promise<TestClient> {
    const client = connectClient(wsUrl, room, token);
    clients.push(client);
    await whenSynced(client.provider);
    return client;
  }

  const expected = firstClauses(createRoomDoc('draft-resolution'));

  it('creates a room from a template in the database while no server runs; its chair invite opens it', async () => {
    const dataDir = tempDir();
    const result = await runCli(
      [
        'rooms',
        'create',
        '--title',
        'Working paper 1',
        '--template',
        'draft-resolution',
        '--id',
        'oewg-wp1',
        '--symbol',
        'A/AC.294/2026/WP.1',
      ],
      serverEnv(dataDir, PORT),
    );
    expect(result.code).toBe(0);
    const [token = '', url = '', ...rest] = result.stdout.trimEnd().split('\n');
    expect(rest).toEqual([]);
    expect(url).toBe(`http://127.0.0.1:${PORT}/rooms/oewg-wp1#invite=${token}`);
    expect(result.stderr).toBe(
      `plenary: created room oewg-wp1 ("Working paper 1", template draft-resolution) in ${dataDir}\n`,
    );
    expect(await testTokens.verify(token)).toMatchObject({ room: 'oewg-wp1', role: 'chair', delegation: 'Chair' });

    server = await startTestServer({ dataDir });
    const client = await joinRoom(server.wsUrl, 'oewg-wp1', token);
    expect(firstClauses(client.doc)).toEqual(expected);
    const record = await fetch(`${server.httpUrl}/api/rooms/oewg-wp1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await record.json()).toMatchObject({
      id: 'oewg-wp1',
      title: 'Working paper 1',
      symbol: 'A/AC.294/2026/WP.1',
      template: 'draft-resolution',
    });
    // The chair's token is in the access list, as from the lobby.
    const access = await fetch(`${server.httpUrl}/api/rooms/oewg-wp1/access`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { holders } = (await access.json()) as { holders: { role: string; issuedBy: string }[] };
    expect(holders).toEqual([expect.objectContaining({ role: 'chair', issuedBy: 'room creator' })]);
  });

  it('creates through the running server, which serves the room at once and knows the rooms it has open', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    // Creation closed to all but operators: the CLI signs its own operator token.
    spawned = await spawnServer(dataDir, port, { PLENARY_OPEN_ROOM_CREATION: 'false' });
    // A token for a room that is not stored opens it empty, in the server's memory only.
    await joinRoom(spawned.wsUrl, 'open-empty', await mintToken('open-empty', 'Japan'));

    const created = await runCli(
      ['rooms', 'create', '--title', 'Norms of restraint', '--template', 'draft-resolution', '--json'],
      serverEnv(dataDir, port),
    );
    expect(created.code).toBe(0);
    expect(created.stderr).toMatch(
      /^plenary: created room [0-9a-f]{16} .* through the server at http:\/\/127\.0\.0\.1:/,
    );
    const json = JSON.parse(created.stdout) as Record<string, string>;
    expect(json).toEqual({
      room: expect.stringMatching(/^[0-9a-f]{16}$/),
      title: 'Norms of restraint',
      symbol: null,
      template: 'draft-resolution',
      token: expect.any(String),
      invite: `http://127.0.0.1:${port}/rooms/${json.room}#invite=${json.token}`,
      delegation: 'Chair',
      name: 'Chair',
      person: expect.stringMatching(/^p-/),
      expiresAt: expect.any(String),
    });
    const client = await joinRoom(spawned.wsUrl, String(json.room), String(json.token));
    expect(firstClauses(client.doc)).toEqual(expected);

    // The room open in memory is the server's to know of: the CLI is refused, nothing is stored.
    const taken = await runCli(['rooms', 'create', '--title', 'Late', '--id', 'open-empty'], serverEnv(dataDir, port));
    expect(taken).toMatchObject({ code: 1, stdout: '' });
    expect(taken.stderr).toBe('plenary: a room with the id "open-empty" exists\n');
    const operator = await mintToken('*', 'Secretariat', 'chair');
    const record = await fetch(`${spawned.httpUrl}/api/rooms/open-empty`, {
      headers: { authorization: `Bearer ${operator}` },
    });
    expect(record.status).toBe(404);
  });

  it('writes to the database once the recorded server is gone', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    spawned = await spawnServer(dataDir, port);
    await spawned.kill();
    spawned = null;
    const result = await runCli(
      ['rooms', 'create', '--title', 'After the crash', '--id', 'later'],
      serverEnv(dataDir, port),
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`in ${dataDir}`);
  });

  it('refuses a recorded server that does not answer, rather than writing behind its back', async () => {
    const dataDir = tempDir();
    // A live process (this one) that is no server at the recorded address.
    const record = {
      pid: process.pid,
      publicUrl: 'http://127.0.0.1:9',
      localUrl: 'http://127.0.0.1:9',
      startedAt: new Date().toISOString(),
    };
    writeFileSync(join(dataDir, 'server.json'), JSON.stringify(record));
    const result = await runCli(['rooms', 'create', '--title', 'Nowhere'], serverEnv(dataDir, PORT));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^plenary: the Plenary server \(pid \d+\) recorded in .*server\.json does not answer/,
    );
    expect(result.stderr).toContain('if no Plenary server runs on this data dir, remove');
  });

  it('refuses bad input with a clear message', async () => {
    const dataDir = tempDir();
    const env = serverEnv(dataDir, PORT);
    const cases: [string[], number, RegExp][] = [
      [[], 2, /^plenary: --title is required/],
      [['--title', '  '], 2, /^plenary: --title: /],
      [['--title', 'T', '--id', 'not a room!'], 2, /^plenary: --id: invalid room id/],
      [['--title', 'T', '--template', 'nope'], 2, /^plenary: unknown template "nope"; one of .*draft-resolution/],
      [['--title', 'T', '--colour', 'blue'], 2, /^plenary: Unknown option '--colour'/],
    ];
    for (const [args, code, stderr] of cases) {
      const result = await runCli(['rooms', 'create', ...args], env);
      expect([args, result.code, result.stdout]).toEqual([args, code, '']);
      expect(result.stderr).toMatch(stderr);
    }
    const unknown = await runCli(['rooms', 'frobnicate'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^plenary: unknown rooms command "frobnicate"/);

    expect((await runCli(['rooms', 'create', '--title', 'First', '--id', 'twice'], env)).code).toBe(0);
    const again = await runCli(['rooms', 'create', '--title', 'Second', '--id', 'twice'], env);
    expect(again).toMatchObject({ code: 1, stdout: '', stderr: 'plenary: a room with the id "twice" exists\n' });
  });

  it('refuses the id of an archived room', async () => {
    const dataDir = tempDir();
    const env = serverEnv(dataDir, PORT);
    const [chair = ''] = (await runCli(['rooms', 'create', '--title', 'Old', '--id', 'old'], env)).stdout.split('\n');
    server = await startTestServer({ dataDir });
    const archived = await fetch(`${server.httpUrl}/api/rooms/old/archive`, {
      method: 'POST',
      headers: { authorization: `Bearer ${chair}` },
    });
    expect(archived.status).toBe(200);
    const result = await runCli(['rooms', 'create', '--title', 'New', '--id', 'old'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('plenary: a room with the id "old" existed and was deleted or archived\n');
  });
});

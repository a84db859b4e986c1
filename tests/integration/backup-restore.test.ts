import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, type TestClient, waitFor, whenSynced } from '../support/clients.js';
import { openRaw } from '../support/raw-socket.js';
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

const ROOMS: Record<string, string> = {
  'outer-space-1': 'Recalling the Outer Space Treaty of 1967',
  'norms-2': 'Encourages States to share information on manoeuvres',
  rules_3: 'Calls upon all States to refrain from destructive tests',
};

describe('CLI backup, restore, token and rooms', () => {
  let spawned: SpawnedServer | null = null;
  let inProcess: TestServer | null = null;
  const dirs: string[] = [];
  const clients: TestClient[] = [];

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await spawned?.kill();
    spawned = null;
    await inProcess?.stop({ keepData: true });
    inProcess = null;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function tempDir(): string {
    const dir = makeDataDir();
    dirs.push(dir);
    return dir;
  }

  /** Reads a room's text through a fresh stock client. */
  async function readRoom(wsUrl: string, room: string): Promise<string> {
    const client = connectClient(wsUrl, room, await mintToken(room, 'Reader', 'observer'));
    clients.push(client);
    await whenSynced(client.provider);
    return client.doc.getText('t').toString();
  }

  /** Starts a spawned server with content in every room of `ROOMS`, each write confirmed stored. */
  async function serverWithRooms(): Promise<{ dataDir: string; port: number }> {
    const dataDir = tempDir();
    const port = await freePort();
    spawned = await spawnServer(dataDir, port);
    for (const [room, text] of Object.entries(ROOMS)) {
      const writer = connectClient(spawned.wsUrl, room, await mintToken(room, 'Writer'));
      const witness = connectClient(spawned.wsUrl, room, await mintToken(room, 'Witness'));
      clients.push(writer, witness);
      await Promise.all([whenSynced(writer.provider), whenSynced(witness.provider)]);
      writer.doc.getText('t').insert(0, text);
      // Another client only receives what is stored.
      await waitFor(() => witness.doc.getText('t').toString() === text, `${room} is stored`);
    }
    return { dataDir, port };
  }

  it('backs up while the server runs and restores every room into a fresh data dir', async () => {
    const { dataDir, port } = await serverWithRooms();
    const file = join(tempDir(), 'plenary-backup.db');
    const backup = await runCli(['backup', file], serverEnv(dataDir, port));
    expect(backup).toMatchObject({ code: 0, stderr: '' });
    expect(backup.stdout).toContain(file);

    // The server keeps serving after the backup.
    expect(await readRoom(spawned?.wsUrl ?? '', 'norms-2')).toBe(ROOMS['norms-2']);

    const fresh = tempDir();
    const restore = await runCli(['restore', file], serverEnv(fresh, port));
    expect(restore).toMatchObject({ code: 0, stderr: '' });
    expect(restore.stdout).toContain(`restored ${file}`);

    inProcess = await startTestServer({ dataDir: fresh });
    for (const [room, text] of Object.entries(ROOMS)) {
      expect(await readRoom(inProcess.wsUrl, room)).toBe(text);
    }
    expect((await inProcess.server.storage.listRooms()).map((r) => r.id).sort()).toEqual(Object.keys(ROOMS).sort());
  });

  it('refuses a corrupt backup with a clear message and leaves the data untouched', async () => {
    const { dataDir, port } = await serverWithRooms();
    await spawned?.kill();
    spawned = null;
    const corrupt = join(tempDir(), 'corrupt.db');
    writeFileSync(corrupt, randomBytes(32 * 1024));
    const before = readFileSync(join(dataDir, 'plenary.db'));

    const result = await runCli(['restore', corrupt], serverEnv(dataDir, port));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^plenary: .*corrupt\.db is not a (SQLite database|Plenary backup)/);
    expect(readFileSync(join(dataDir, 'plenary.db')).equals(before)).toBe(true);

    inProcess = await startTestServer({ dataDir });
    for (const [room, text] of Object.entries(ROOMS)) {
      expect(await readRoom(inProcess.wsUrl, room)).toBe(text);
    }
  });

  it('refuses to restore over the data dir of a running server', async () => {
    const { dataDir, port } = await serverWithRooms();
    const file = join(tempDir(), 'backup.db');
    expect((await runCli(['backup', file], serverEnv(dataDir, port))).code).toBe(0);
    const result = await runCli(['restore', file], serverEnv(dataDir, port));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is running on .*; stop it before restoring/);
    expect(await readRoom(spawned?.wsUrl ?? '', 'rules_3')).toBe(ROOMS.rules_3);
  });

  it('prints a token and its invite URL, and the token opens the room', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    spawned = await spawnServer(dataDir, port);
    const result = await runCli(
      ['token', '--room', 'cli-room', '--delegation', 'Mexico', '--role', 'delegate', '--ttl', '1h'],
      serverEnv(dataDir, port),
    );
    expect(result.code).toBe(0);
    const [token = '', url = '', ...rest] = result.stdout.trimEnd().split('\n');
    expect(rest).toEqual([]);
    expect(url).toBe(`http://127.0.0.1:${port}/rooms/cli-room#invite=${token}`);
    const identity = await testTokens.verify(token);
    expect(identity).toMatchObject({ room: 'cli-room', delegation: 'Mexico', role: 'delegate' });
    expect(identity.exp - Date.now() / 1000).toBeLessThanOrEqual(3600);
    // Every room token names a person, and the running server lists it among the holders.
    expect(identity.person).toMatch(/^p-/);
    const operator = await testTokens.issue({ room: '*', delegation: 'Secretariat', role: 'chair', ttlSeconds: 600 });
    const access = await fetch(`${spawned.httpUrl}/api/rooms/cli-room/access`, {
      headers: { authorization: `Bearer ${operator}` },
    });
    const { holders } = (await access.json()) as { holders: { person: string; issuedBy: string }[] };
    expect(holders).toContainEqual(expect.objectContaining({ person: identity.person, issuedBy: 'operator' }));

    const opened = await openRaw(`${spawned.wsUrl}/cli-room?token=${token}`);
    expect(opened.ok).toBe(true);
    if (opened.ok) opened.socket.close();
    const wrongRoom = await openRaw(`${spawned.wsUrl}/another-room?token=${token}`);
    expect(wrongRoom).toEqual({ ok: false, status: 403 });

    const client = connectClient(spawned.wsUrl, 'cli-room', token);
    clients.push(client);
    await whenSynced(client.provider);
    client.doc.getText('t').insert(0, 'Typed with a CLI token');
    expect(await readRoom(spawned.wsUrl, 'cli-room')).toBe('Typed with a CLI token');
  });

  it('lists stored rooms', async () => {
    const { dataDir, port } = await serverWithRooms();
    const result = await runCli(['rooms'], serverEnv(dataDir, port));
    expect(result.code).toBe(0);
    const listed = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split('\t')[0]);
    expect(listed.sort()).toEqual(Object.keys(ROOMS).sort());
    const json = await runCli(['rooms', '--json'], serverEnv(dataDir, port));
    const parsed = JSON.parse(json.stdout) as { id: string }[];
    expect(parsed.map((r) => r.id).sort()).toEqual(Object.keys(ROOMS).sort());
    const empty = await runCli(['rooms'], serverEnv(tempDir(), port));
    expect(empty.stdout.trim()).toBe('no rooms');
  });

  it('prints usage for --help and refuses unknown commands with exit code 2', async () => {
    const env = serverEnv(tempDir(), 1234);
    const help = await runCli(['--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: plenary <command>/);
    for (const command of ['serve', 'token', 'rooms', 'backup FILE', 'restore FILE']) {
      expect(help.stdout).toContain(command);
    }
    const unknown = await runCli(['frobnicate'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const badRole = await runCli(['token', '--room', 'r', '--delegation', 'D', '--role', 'king'], env);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('--role must be one of chair, delegate, observer');
  });
});

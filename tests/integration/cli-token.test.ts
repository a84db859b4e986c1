import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { callApi, createRoom } from '../support/api.js';
import { connectRaw } from '../support/raw-socket.js';
import { makeDataDir, startTestServer, type TestServer } from '../support/server.js';
import { runCli, serverEnv, testTokens } from '../support/spawned-server.js';

const PORT = 43_210;

describe('plenary token', () => {
  const dirs: string[] = [];
  let server: TestServer | null = null;

  afterEach(async () => {
    await server?.stop({ keepData: true });
    server = null;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function tempDir(): string {
    const dir = makeDataDir();
    dirs.push(dir);
    return dir;
  }

  const args = (room: string, ...more: string[]) => [
    'token',
    '--room',
    room,
    '--delegation',
    'Brazil',
    '--role',
    'delegate',
    ...more,
  ];

  it('warns on stderr that the room does not exist and how to create it, and still prints the token', async () => {
    const dataDir = tempDir();
    const result = await runCli(args('not-yet'), serverEnv(dataDir, PORT));
    expect(result.code).toBe(0);
    const [token = '', url = '', ...rest] = result.stdout.trimEnd().split('\n');
    expect(rest).toEqual([]);
    expect(url).toBe(`http://127.0.0.1:${PORT}/rooms/not-yet#invite=${token}`);
    expect(await testTokens.verify(token)).toMatchObject({ room: 'not-yet', delegation: 'Brazil' });
    expect(result.stderr).toMatch(/^plenary: warning: room "not-yet" does not exist/);
    expect(result.stderr).toMatch(/create it/);

    // The token opens the room all the same, empty (DESIGN §4).
    server = await startTestServer({ dataDir });
    const sockets: WebSocket[] = [];
    expect(await connectRaw(`${server.wsUrl}/not-yet?token=${token}`, sockets)).toBe('open');
    for (const socket of sockets) socket.terminate();
  });

  it('says nothing on stderr for a stored room', async () => {
    const dataDir = tempDir();
    server = await startTestServer({ dataDir });
    await createRoom(server, 'stored-room');
    const result = await runCli(args('stored-room'), serverEnv(dataDir, PORT));
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(2);
  });

  it('warns that an archived room will not open, and still prints the token', async () => {
    const dataDir = tempDir();
    server = await startTestServer({ dataDir });
    const chair = await createRoom(server, 'old-room');
    expect((await callApi(server, 'POST', 'rooms/old-room/archive', chair)).status).toBe(200);
    const result = await runCli(args('old-room'), serverEnv(dataDir, PORT));
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^plenary: warning: room "old-room" is archived: the token will not open it/);
    const [token = ''] = result.stdout.split('\n');
    expect(await testTokens.verify(token)).toMatchObject({ room: 'old-room' });
  });

  it('prints one JSON object and nothing else on stdout with --json', async () => {
    const dataDir = tempDir();
    const result = await runCli(
      args('json-room', '--json', '--name', 'Ana Souza', '--ttl', '2h'),
      serverEnv(dataDir, PORT),
    );
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(json).toEqual({
      token: expect.any(String),
      invite: `http://127.0.0.1:${PORT}/rooms/json-room#invite=${json.token}`,
      room: 'json-room',
      delegation: 'Brazil',
      role: 'delegate',
      name: 'Ana Souza',
      person: expect.stringMatching(/^p-/),
      expiresAt: expect.any(String),
      warning: expect.stringMatching(/does not exist/),
    });
    const identity = await testTokens.verify(String(json.token));
    expect(identity).toMatchObject({ room: 'json-room', name: 'Ana Souza', person: json.person });
    expect(new Date(String(json.expiresAt)).getTime()).toBe(identity.exp * 1000);
    // The warning goes to stderr as well, so that stdout stays JSON alone.
    expect(result.stderr).toMatch(/^plenary: warning: room "json-room" does not exist/);

    const operator = await runCli(
      ['token', '--room', '*', '--delegation', 'Secretariat', '--role', 'chair', '--json'],
      {
        ...serverEnv(dataDir, PORT),
      },
    );
    expect(operator.stderr).toBe('');
    expect(JSON.parse(operator.stdout)).toMatchObject({
      room: '*',
      invite: `http://127.0.0.1:${PORT}/`,
      warning: null,
    });
  });

  it('refuses a bad --ttl with the usage text and exit code 2', async () => {
    const result = await runCli(args('any-room', '--ttl', 'soon'), serverEnv(tempDir(), PORT));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^plenary: --ttl: invalid ttl "soon"/);
    expect(result.stdout).toBe('');
  });
});

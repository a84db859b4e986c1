import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDataDir } from '../support/server.js';
import { cliEnv, runCli, type SpawnedServer, spawnServer } from '../support/spawned-server.js';

/** The CLI's environment on the SQLite `dataDir` with the secret: no HOST, PORT or public URL. */
function bareEnv(dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { HOST: _host, PORT: _port, PLENARY_PUBLIC_URL: _url, ...env } = cliEnv(dataDir);
  return { ...env, ...extra };
}

const TOKEN = ['token', '--room', 'wp-1', '--delegation', 'Kenya', '--role', 'delegate'];

/** The invite link (line 2) of a `token` run. */
async function inviteLink(env: NodeJS.ProcessEnv): Promise<{ link: string; token: string; stderr: string }> {
  const result = await runCli(TOKEN, env);
  expect(result.code).toBe(0);
  const [token = '', link = ''] = result.stdout.split('\n');
  return { link, token, stderr: result.stderr };
}

describe('the public URL of the CLI’s invite links', () => {
  const dirs: string[] = [];
  let spawned: SpawnedServer | null = null;

  afterEach(async () => {
    await spawned?.kill();
    spawned = null;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function tempDir(): string {
    const dir = makeDataDir();
    dirs.push(dir);
    return dir;
  }

  it('names the port a server on port 0 got, for a CLI run without HOST or PORT, and the link works', async () => {
    const dataDir = tempDir();
    spawned = await spawnServer(dataDir, 0);
    const { link, token } = await inviteLink(bareEnv(dataDir));
    expect(link).toBe(`http://127.0.0.1:${spawned.port}/rooms/wp-1#invite=${token}`);
    const session = await fetch(`${new URL(link).origin}/api/rooms/wp-1/session`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ room: 'wp-1', delegation: 'Kenya', role: 'delegate' });

    const created = await runCli(['rooms', 'create', '--title', 'WP 2', '--id', 'wp-2'], bareEnv(dataDir));
    expect(created.code).toBe(0);
    expect(created.stdout.split('\n')[1]).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${spawned.port}/rooms/wp-2#invite=`),
    );
  });

  it('uses the public URL the server was started with, which it records in server.json', async () => {
    const dataDir = tempDir();
    spawned = await spawnServer(dataDir, 0, { PLENARY_PUBLIC_URL: 'https://plenary.example.org/' });
    const record = JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8')) as Record<string, unknown>;
    expect(record).toEqual({
      pid: spawned.child.pid,
      publicUrl: 'https://plenary.example.org',
      localUrl: `http://127.0.0.1:${spawned.port}`,
      startedAt: expect.any(String),
    });
    // Even a CLI run that sets HOST and PORT names the running server's URL.
    for (const env of [bareEnv(dataDir), bareEnv(dataDir, { HOST: '127.0.0.1', PORT: '8080' })]) {
      const { link, token, stderr } = await inviteLink(env);
      expect(link).toBe(`https://plenary.example.org/rooms/wp-1#invite=${token}`);
      expect(stderr).not.toMatch(/serves/);
    }
    const json = await runCli([...TOKEN, '--json'], bareEnv(dataDir));
    expect((JSON.parse(json.stdout) as { invite: string }).invite).toMatch(/^https:\/\/plenary\.example\.org\/rooms\//);
  });

  it('takes PLENARY_PUBLIC_URL given to the CLI first, and warns when the running server serves another', async () => {
    const dataDir = tempDir();
    spawned = await spawnServer(dataDir, 0);
    const { link, token, stderr } = await inviteLink(
      bareEnv(dataDir, { PLENARY_PUBLIC_URL: 'https://proxy.example.org' }),
    );
    expect(link).toBe(`https://proxy.example.org/rooms/wp-1#invite=${token}`);
    expect(stderr).toContain(
      `plenary: warning: the server running on ${dataDir} (pid ${spawned.child.pid}) serves http://127.0.0.1:${spawned.port}; ` +
        'these links use PLENARY_PUBLIC_URL=https://proxy.example.org',
    );
  });

  it('once the server stopped: HOST and PORT of the CLI first, then the URL the server recorded', async () => {
    const dataDir = tempDir();
    spawned = await spawnServer(dataDir, 0);
    const port = spawned.port;
    spawned.child.kill('SIGTERM');
    expect(await spawned.exited).toEqual({ code: 0, signal: null });
    spawned = null;
    expect(JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8'))).toMatchObject({ pid: null });

    expect((await inviteLink(bareEnv(dataDir, { PORT: '5555' }))).link).toMatch(/^http:\/\/127\.0\.0\.1:5555\/rooms\//);
    expect((await inviteLink(bareEnv(dataDir))).link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/rooms/`));
  });

  it('falls back to HOST and PORT, then to http://127.0.0.1:1234, with no server recorded', async () => {
    const dataDir = tempDir();
    expect((await inviteLink(bareEnv(dataDir))).link).toMatch(/^http:\/\/127\.0\.0\.1:1234\/rooms\/wp-1#invite=/);
    expect((await inviteLink(bareEnv(dataDir, { HOST: '::1', PORT: '4000' }))).link).toMatch(
      /^http:\/\/\[::1\]:4000\/rooms\//,
    );
  });

  it('refuses a server.json that is no server record, naming the file, and writes nothing', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'server.json'), '{"pid": "twelve"');
    const result = await runCli(TOKEN, bareEnv(dataDir));
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toBe(
      `plenary: ${join(dataDir, 'server.json')} is not JSON (${jsonError('{"pid": "twelve"')}); remove it, or restart the server\n`,
    );
    // Refused before the database was opened: no access record of a token nobody got.
    expect(existsSync(join(dataDir, 'plenary.db'))).toBe(false);
    writeFileSync(join(dataDir, 'server.json'), '{"pid": "twelve"}');
    const wrong = await runCli(['rooms', 'create', '--title', 'T'], bareEnv(dataDir));
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/server\.json is not a server record \(pid: .*\); remove it, or restart the server/);
    const rooms = await runCli(['rooms', '--json'], bareEnv(dataDir));
    expect(JSON.parse(rooms.stdout)).toEqual([]);
  });
});

/** The message `JSON.parse` gives for `text`. */
function jsonError(text: string): string {
  try {
    JSON.parse(text);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

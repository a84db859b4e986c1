import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Absolute path of the built web app the server serves. */
export const WEB_DIST = join(ROOT, 'apps/web/dist');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/**
 * The environment for `vite build`: Vitest sets NODE_ENV=test, MODE, DEV, PROD, SSR and TEST in the
 * process environment, which would make Vite build React's development bundle.
 */
function productionEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(VITE|VITEST)|^(MODE|DEV|PROD|SSR|TEST|BASE_URL|NODE_ENV)$/.test(key)) env[key] = value;
  }
  env.NODE_ENV = 'production';
  return env;
}

/**
 * Builds `apps/web` with Vite when `dist` is missing or older than the app or the packages it
 * bundles, and returns the absolute path of `dist`.
 */
export function ensureWebAppBuilt(): string {
  const index = join(WEB_DIST, 'index.html');
  const sources = [
    join(ROOT, 'apps/web/src'),
    join(ROOT, 'apps/web/index.html'),
    join(ROOT, 'apps/web/vite.config.ts'),
    ...readdirSync(join(ROOT, 'packages')).map((name) => join(ROOT, 'packages', name, 'src')),
  ].filter((path) => existsSync(path));
  const fresh = existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newestMtime));
  if (fresh) return WEB_DIST;
  const vite = join(ROOT, 'apps/web/node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: join(ROOT, 'apps/web'),
    encoding: 'utf8',
    env: productionEnv(),
  });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
  return WEB_DIST;
}

/** Whether `dir` holds a complete build: index.html and every asset it references. */
function isCompleteBuild(dir: string): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  const html = readFileSync(index, 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
  return assets.length > 0 && assets.every((asset) => existsSync(join(dir, asset)));
}

/**
 * A private copy of the built web app for one test file's server. Other people may rebuild
 * `apps/web/dist` (`pnpm build`) while tests run, which empties it for a moment; serving a
 * snapshot keeps pages from loading a half-written app.
 */
export function webAppSnapshot(): string {
  for (let attempt = 0; attempt < 3; attempt++) {
    const dist = ensureWebAppBuilt();
    const copy = mkdtempSync(join(tmpdir(), 'plenary-web-'));
    process.once('exit', () => rmSync(copy, { recursive: true, force: true }));
    try {
      cpSync(dist, copy, { recursive: true });
    } catch {
      continue;
    }
    if (isCompleteBuild(copy)) return copy;
  }
  throw new Error(`no complete web app build in ${WEB_DIST}`);
}

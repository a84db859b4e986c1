// Builds the workspace when any source is newer than the build, so `pnpm start` and the CLI
// always run current JavaScript with plain node.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOURCES = ['packages', 'server/src', 'apps/web/src', 'apps/web/index.html'];
const OUTPUTS = ['server/dist/index.js', 'apps/web/dist/index.html'];
const STAMP = join(root, 'server', 'dist', '.build-stamp');

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist' || entry === 'test') continue;
    max = Math.max(max, newest(join(path, entry)));
  }
  return max;
}

/** Runs `pnpm build` when a build output is missing or older than the newest source. */
export function ensureBuilt({ quiet }) {
  const complete = OUTPUTS.every((output) => existsSync(join(root, output)));
  const built = complete && existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
  const source = Math.max(...SOURCES.map((path) => newest(join(root, path))));
  if (built > 0 && built >= source) return;
  if (!quiet) console.log('Building Plenary…');
  const stdio = quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit';
  // The tools are run directly, so this works however pnpm itself was started (e.g. `npx pnpm@10`).
  const bin = (name) => join(root, 'node_modules', '.bin', name);
  execFileSync(bin('tsc'), ['-b'], { cwd: root, stdio });
  // Always the production bundle, even when started from a test runner that set NODE_ENV=test.
  const env = { ...process.env, NODE_ENV: 'production' };
  execFileSync(bin('vite'), ['build', 'apps/web', '--logLevel', 'warn'], { cwd: root, stdio, env });
  writeFileSync(STAMP, new Date().toISOString());
}

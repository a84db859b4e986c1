#!/usr/bin/env node
// `pnpm dev`: the server from TypeScript sources (restarting on change) plus Vite with hot
// reload on http://127.0.0.1:5173, which proxies /api, /healthz and /collab to the server.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const devOrigins = 'http://127.0.0.1:5173,http://localhost:5173';
const env = {
  ...process.env,
  PLENARY_ALLOWED_ORIGINS: [process.env.PLENARY_ALLOWED_ORIGINS, devOrigins].filter(Boolean).join(','),
};
const children = [
  spawn(
    process.execPath,
    ['--conditions=@plenary/source', '--import', 'tsx', '--watch', join(root, 'server/scripts/run-source.ts')],
    { cwd: root, env, stdio: 'inherit' },
  ),
  spawn(join(root, 'node_modules/.bin/vite'), ['apps/web', '--host', '127.0.0.1'], {
    cwd: root,
    env,
    stdio: 'inherit',
  }),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', stop);

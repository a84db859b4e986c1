#!/usr/bin/env node
// `pnpm start:cluster`: N Plenary processes on consecutive ports against one PostgreSQL
// (DATABASE_URL) and one Redis (REDIS_URL), sharing PLENARY_SECRET (docs/SCALING.md).
//   PLENARY_PROCESSES (or --processes=N): how many, 2 by default
//   PORT: the first port (1301 by default); the others follow it
//   PLENARY_DATA_DIR: each process gets <dir>/process-<port> for its pid and server record
// A process that exits unexpectedly is started again after a second; SIGTERM or SIGINT drains
// and stops every process. Put a proxy in front of the ports (docs/SCALING.md has the recipe).
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './ensure-built.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RESTART_MS = 1000;

/** Exits with a message naming what is wrong (status 2: a usage error). */
function refuse(message) {
  console.error(`start:cluster: ${message}`);
  process.exit(2);
}

const argument = process.argv.find((arg) => arg.startsWith('--processes='))?.slice('--processes='.length);
const countText = argument ?? process.env.PLENARY_PROCESSES ?? '2';
const count = Number(countText);
if (!Number.isInteger(count) || count < 1 || count > 64) {
  refuse(`the number of processes must be an integer from 1 to 64, not "${countText}"`);
}
const firstPort = Number(process.env.PORT ?? '1301');
if (!Number.isInteger(firstPort) || firstPort < 1 || firstPort + count - 1 > 65535) {
  refuse(
    `PORT must be a port from 1 such that all ${count} consecutive ports fit below 65536, not "${process.env.PORT}"`,
  );
}
const missing = ['DATABASE_URL', 'REDIS_URL', 'PLENARY_SECRET'].filter((name) => !process.env[name]);
if (missing.length > 0) {
  refuse(
    `${missing.join(', ')} must be set: every process shares one PostgreSQL (DATABASE_URL=postgres://…), one Redis (REDIS_URL=redis://…) and one token secret (PLENARY_SECRET, at least 32 characters, e.g. from \`openssl rand -hex 32\`)`,
  );
}
const dataRoot = resolve(process.env.PLENARY_DATA_DIR ?? './data');

ensureBuilt({ quiet: false });

let stopping = false;
/** The running child of each port. */
const children = new Map();

/** Prefixes every line of `stream` with the process's port. */
function relay(stream, target, port) {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) target.write(`[${port}] ${line}\n`);
  });
  stream.on('end', () => {
    if (rest) target.write(`[${port}] ${rest}\n`);
  });
}

function startProcess(port) {
  const dataDir = join(dataRoot, `process-${port}`);
  mkdirSync(dataDir, { recursive: true });
  const child = spawn(process.execPath, [join(root, 'server/scripts/start.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), PLENARY_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.set(port, child);
  relay(child.stdout, process.stdout, port);
  relay(child.stderr, process.stderr, port);
  child.once('exit', (code, signal) => {
    children.delete(port);
    if (stopping) {
      if (children.size === 0) process.exit(0);
      return;
    }
    console.error(`[${port}] exited (${signal ?? code}); starting it again in ${RESTART_MS / 1000} s`);
    setTimeout(() => {
      if (!stopping) startProcess(port);
    }, RESTART_MS);
  });
}

const ports = Array.from({ length: count }, (_, i) => firstPort + i);
for (const port of ports) startProcess(port);
console.log(
  `Plenary cluster: ${count} processes on ports ${ports.join(', ')} (data in ${dataRoot}); put a proxy in front of them (docs/SCALING.md)`,
);

const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  if (children.size === 0) process.exit(0);
  for (const child of children.values()) child.kill(signal);
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));

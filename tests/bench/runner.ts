import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import type { Job, JobResult, PeerKind, Target } from './job.js';
import { launchPeer, type PeerOptions, pinned, REPO_ROOT, type RunningPeer } from './peers/launch.js';

/** The load generator's largest semi-space (half of V8's young generation) in the fan-out, in MB. */
const GENERATOR_SEMI_SPACE_MB = 2;

/** Runs one job in a fresh load-generator process pinned to core 1. */
export function runGenerator(job: Job): Promise<JobResult> {
  // Extra node flags for the generator alone (profiling the harness itself: --cpu-prof …).
  const extra = process.env.BENCH_GENERATOR_NODE_OPTIONS?.split(' ').filter(Boolean) ?? [];
  const [file, ...args] = pinned(1, [
    process.execPath,
    // In the fan-out, a small young generation: many short scavenges (0.4 ms) instead of fewer
    // long ones (1.2–1.6 ms, up to 12 ms at V8's default 16 MB), each of which delayed whatever
    // keystroke the generator was reading then, whichever server had sent it. Elsewhere the
    // default, which reassembles the join storm's 200 large frames faster.
    ...(job.workload === 'fanout' ? [`--max-semi-space-size=${GENERATOR_SEMI_SPACE_MB}`] : []),
    ...extra,
    '--conditions=@plenary/source',
    '--import',
    'tsx',
    'tests/bench/generator.ts',
  ]);
  const child = spawn(file as string, args, { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8000);
  });
  child.stdin.end(JSON.stringify(job));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as JobResult);
      else reject(new Error(`generator (${job.workload} on ${job.target.kind}) exited ${code}: ${stderr}`));
    });
  });
}

/** A fresh temp folder (Plenary's data dir, the state file). */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `plenary-bench-${prefix}-`));
}

/** Total bytes of the files under `dir`. */
export function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? dirBytes(path) : statSync(path).size;
  }
  return total;
}

/** Signs the one token of a workload, as `pnpm plenary token` would (HS256, PLENARY_SECRET). */
export function signToken(secret: string, room: string, role: 'chair' | 'delegate'): Promise<string> {
  return new SignJWT({ room, delegation: 'Bench', role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime('12h')
    .sign(new TextEncoder().encode(secret));
}

/** The target description a job carries for `peer`. */
export function targetOf(peer: RunningPeer, token: string): Target {
  return { kind: peer.kind, wsBase: peer.wsBase, pid: peer.pid, token };
}

/**
 * Starts `kind` with a fresh data dir, hands it to `body`, and stops it (and removes the data
 * dir unless `keepDataDir`) whatever happens.
 */
export async function withPeer<T>(
  kind: PeerKind,
  options: Omit<PeerOptions, 'dataDir'> & { dataDir?: string; keepDataDir?: boolean },
  body: (peer: RunningPeer, dataDir: string) => Promise<T>,
): Promise<T> {
  const dataDir = options.dataDir ?? tempDir('data');
  const peer = await launchPeer(kind, { ...options, dataDir });
  try {
    return await body(peer, dataDir);
  } finally {
    await peer.stop();
    if (!options.keepDataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Peers of one pair in alternating order: even pairs start with Plenary, odd ones end with it. */
export function pairOrder(peers: readonly PeerKind[], pair: number): PeerKind[] {
  return pair % 2 === 0 ? [...peers] : [...peers].reverse();
}

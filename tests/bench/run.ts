// `pnpm bench`: Plenary, the reference y-websocket server and the floors side by side; prints
// the figures and budgets and writes docs/BENCHMARKS.md. Flags: --quick (fewer pairs, shorter
// fan-out; also BENCH_QUICK=1), --only=trace,fanout,… (a subset), --peers=plenary,reference,…
// (a subset), --sizes='{"pairs":1,"fanoutSeconds":10}' (overrides), --out=<file>.
// BENCH_PLENARY_NODE_OPTIONS adds node flags to Plenary only (e.g. --cpu-prof).
// BENCH_GENERATOR_NODE_OPTIONS adds node flags to the load generator only.
import { join } from 'node:path';
import { ALL_PEERS, ALL_WORKLOADS, runBench } from './bench.js';
import { evaluateBudgets } from './budgets.js';
import type { PeerKind, WorkloadName } from './job.js';
import { pinThisProcess, REPO_ROOT } from './peers/launch.js';
import { consoleReport, writeMarkdownReport } from './report.js';
import { type BenchSizes, FULL_SIZES, QUICK_SIZES } from './sizes.js';

function flag(name: string): string | null {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length) ?? null;
}

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const only = flag('only');
const workloads = only ? (only.split(',') as WorkloadName[]) : ALL_WORKLOADS;
const unknown = workloads.filter((w) => !ALL_WORKLOADS.includes(w));
if (unknown.length > 0)
  throw new RangeError(`unknown workload "${unknown.join(', ')}"; use ${ALL_WORKLOADS.join(', ')}`);
const peerList = flag('peers');
const peers = peerList ? (peerList.split(',') as PeerKind[]) : ALL_PEERS;
const unknownPeers = peers.filter((p) => !ALL_PEERS.includes(p));
if (unknownPeers.length > 0)
  throw new RangeError(`unknown peer "${unknownPeers.join(', ')}"; use ${ALL_PEERS.join(', ')}`);
const sizeOverrides = flag('sizes');
const sizes: BenchSizes = {
  ...(quick ? QUICK_SIZES : FULL_SIZES),
  ...(sizeOverrides ? (JSON.parse(sizeOverrides) as Partial<BenchSizes>) : {}),
};
const out = flag('out') ?? join(REPO_ROOT, 'docs', 'BENCHMARKS.md');
const mode = sizeOverrides || peerList ? 'partial' : quick ? 'quick' : 'full';

// The servers run on core 0, the load generator and this process on core 1.
pinThisProcess(1);
console.log(`Plenary bench (${mode}): ${workloads.join(', ')}`);
const results = await runBench({ sizes, workloads, peers, log: console.log });
const budgets = evaluateBudgets(results.measurements);
console.log(`\n${consoleReport(results, budgets)}`);
writeMarkdownReport(out, results, budgets, mode);
console.log(`\nWrote ${out}`);
// A missed budget fails the command, as the exporter and browser parts do.
if (budgets.some((budget) => budget.pass === false)) process.exitCode = 1;

// `pnpm bench`: Plenary, the reference y-websocket server and the floors side by side; prints
// the figures and budgets and writes docs/BENCHMARKS.md. Flags: --quick (fewer pairs, shorter
// fan-out; also BENCH_QUICK=1), --only=trace,fanout,… (a subset), --out=<file>.
import { join } from 'node:path';
import { ALL_WORKLOADS, runBench } from './bench.js';
import { evaluateBudgets } from './budgets.js';
import type { WorkloadName } from './job.js';
import { REPO_ROOT } from './peers/launch.js';
import { consoleReport, writeMarkdownReport } from './report.js';
import { FULL_SIZES, QUICK_SIZES } from './sizes.js';

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
const out = flag('out') ?? join(REPO_ROOT, 'docs', 'BENCHMARKS.md');
const mode = quick ? 'quick' : 'full';

console.log(`Plenary bench (${mode}): ${workloads.join(', ')}`);
const results = await runBench({ sizes: quick ? QUICK_SIZES : FULL_SIZES, workloads, log: console.log });
const budgets = evaluateBudgets(results.measurements);
console.log(`\n${consoleReport(results, budgets)}`);
writeMarkdownReport(out, results, budgets, mode);
console.log(`\nWrote ${out}`);

// Scale-out workloads (docs/SCALING.md): the keystroke fan-out on one process and split over two
// (PostgreSQL and Redis), in the same run, and 2,000 rooms over two processes. Needs
// DATABASE_URL (a schema of the run's own is created and dropped; never `public`) and
// redis-server; without DATABASE_URL it says so and measures nothing. Prints the figures and
// keeps them in docs/BENCHMARKS.md (the "Scale-out" block inside the notes). Not part of the
// test suite. Run: node --conditions=@plenary/source --import tsx tests/bench/cluster.ts
// [--quick] [--no-write] [--sizes='{"rooms":200}']
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLUSTER_FULL_SIZES, CLUSTER_QUICK_SIZES, type ClusterBenchSizes, runClusterBench } from './cluster-bench.js';
import { clusterSection, replaceClusterSection } from './cluster-report.js';
import { pinThisProcess } from './peers/launch.js';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.log(
    'scale-out bench skipped: DATABASE_URL is not set (e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)',
  );
  process.exit(0);
}
const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const overrides = process.argv.find((arg) => arg.startsWith('--sizes='))?.slice('--sizes='.length);
const sizes: ClusterBenchSizes = {
  ...(quick ? CLUSTER_QUICK_SIZES : CLUSTER_FULL_SIZES),
  ...(overrides ? (JSON.parse(overrides) as Partial<ClusterBenchSizes>) : {}),
};
// The generator beside the bench, never on the servers' core.
pinThisProcess(1);
process.setMaxListeners(64);
console.log('Plenary scale-out bench: fan-out on one and two processes, many rooms on two');
const figures = await runClusterBench(databaseUrl, sizes, (line) => console.log(`  ${line}`));
const section = clusterSection(figures);
console.log(`\n${section}`);
const file = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/BENCHMARKS.md');
if (existsSync(file) && !process.argv.includes('--no-write') && !overrides) {
  writeFileSync(file, replaceClusterSection(readFileSync(file, 'utf8'), section));
}
const { single, split } = figures.fanout;
if (!single.converged || !split.converged || !figures.rooms.converged) {
  console.error('a scale-out workload did not converge');
  process.exitCode = 1;
}

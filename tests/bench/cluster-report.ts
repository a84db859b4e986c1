import type { ClusterBenchFigures } from './cluster-bench.js';
import type { ClusterFanoutFigures } from './cluster-fanout.js';
import { replaceSection } from './report-section.js';

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : 'n/a');
const mib = (bytes: number) => (bytes / (1024 * 1024)).toFixed(0);
const kib = (bytes: number) => (bytes / 1024).toFixed(0);

function fanoutRow(label: string, f: ClusterFanoutFigures): string {
  return `| ${label} | ${f.keystrokes} | ${ms(f.latencyP50Ms)} | ${ms(f.latencyP99Ms)} | ${f.processes === 1 ? '—' : ms(f.crossP99Ms)} | ${f.cpuSeconds.toFixed(2)} | ${f.cpuPercent.toFixed(0)} | ${f.converged ? 'yes' : 'NO'} |`;
}

/** The "Scale-out" block of docs/BENCHMARKS.md, between its markers. */
export function clusterSection(figures: ClusterBenchFigures): string {
  const { single, split } = figures.fanout;
  const r = figures.rooms;
  const s = figures.sizes;
  const ratio = (a: number, b: number) => (Number.isFinite(a / b) && b > 0 ? (a / b).toFixed(2) : 'n/a');
  return [
    '<!-- cluster:start -->',
    '## Scale-out (PostgreSQL and Redis)',
    '',
    `Measured by \`pnpm bench\` (\`tests/bench/cluster.ts\`, ${figures.seconds.toFixed(0)} s) on the local PostgreSQL in a schema of the run's own (dropped after) and a \`redis-server\` of its own. The Plenary processes share core 0, the load generator runs on core 1; PostgreSQL and Redis are not pinned. See docs/SCALING.md for what the figures mean for a deployment.`,
    '',
    `### Keystroke fan-out: one process against two`,
    '',
    `One room, ${s.fanoutClients} clients (${s.fanoutTypers} typing ${s.keysPerSecond} keys a second each for ${s.fanoutSeconds} s, ${s.fanoutProbes} more measuring), all on one process, then joined alternately to two processes that share the room through Redis. Latency from the keystroke to its arrival at every other full client; "other process" counts only arrivals at a client of the process the typer was not on. CPU is all Plenary processes together.`,
    '',
    '| topology | keystrokes | p50 ms | p99 ms | p99 other process ms | CPU s | CPU % of a core | converged |',
    '|---|---|---|---|---|---|---|---|',
    fanoutRow('one process (PostgreSQL)', single),
    fanoutRow('two processes (PostgreSQL + Redis)', split),
    '',
    `Two processes against one: p99 × ${ratio(split.latencyP99Ms, single.latencyP99Ms)}, CPU × ${ratio(split.cpuSeconds, single.cpuSeconds)}.`,
    '',
    `### Many rooms over two processes`,
    '',
    `${r.rooms} rooms, each with one light client on each of two processes (${r.connections} connections, every room open on both), then ${r.edits} edits at ${s.roomEditsPerSecond} a second going round the rooms (the first round sent from the sockets on the first process, the next from the second's, and so on), each timed to its arrival on the other process.`,
    '',
    '| figure | value |',
    '|---|---|',
    `| every socket joined and synced | ${r.joinSeconds.toFixed(1)} s |`,
    `| resident memory per process with every room open | ${r.rssBytes.map(mib).join(' MiB, ')} MiB |`,
    `| memory per open room and process | ${kib(r.rssPerRoomBytes)} KiB |`,
    `| edit to the other process, p50 / p99 | ${ms(r.editP50Ms)} / ${ms(r.editP99Ms)} ms |`,
    `| CPU per process over the ${s.roomEditSeconds} s of edits | ${r.editCpuSeconds.map((c) => c.toFixed(2)).join(' s, ')} s |`,
    `| every edit arrived | ${r.converged ? 'yes' : 'NO'} |`,
    '<!-- cluster:end -->',
  ].join('\n');
}

/** Puts the scale-out block into docs/BENCHMARKS.md, replacing the previous run's. */
export function replaceClusterSection(report: string, section: string): string {
  return replaceSection(report, 'cluster', section);
}

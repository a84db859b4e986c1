import { describe, expect, it } from 'vitest';
import { runClusterBench } from '../bench/cluster-bench.js';
import { clusterSection, replaceClusterSection } from '../bench/cluster-report.js';
import { clusterDatabaseUrl, clusterSkipReason, onDatabase } from '../support/spawned-cluster.js';

if (clusterSkipReason) console.warn(clusterSkipReason);

/**
 * The scale-out bench at tiny size: it runs the fan-out on one process and on two, and many
 * rooms on two, produces every figure, converges, reports them and leaves no schema behind.
 * No figure is compared with a budget here (that is `pnpm bench`).
 */
describe.skipIf(clusterSkipReason !== null)('scale-out bench (smoke)', () => {
  it('measures the fan-out on one process and two and many rooms on two, reporting every figure', async () => {
    const figures = await runClusterBench(clusterDatabaseUrl(), {
      fanoutClients: 6,
      fanoutTypers: 2,
      fanoutProbes: 2,
      keysPerSecond: 5,
      fanoutSeconds: 1,
      rooms: 6,
      roomEditsPerSecond: 6,
      roomEditSeconds: 1,
    });
    for (const fanout of [figures.fanout.single, figures.fanout.split]) {
      expect(fanout.converged).toBe(true);
      expect(fanout.keystrokes).toBe(10);
      for (const value of [fanout.latencyP50Ms, fanout.latencyP99Ms, fanout.cpuSeconds, fanout.cpuPercent]) {
        expect(Number.isFinite(value) && value >= 0).toBe(true);
      }
    }
    expect(figures.fanout.single.processes).toBe(1);
    expect(figures.fanout.split.processes).toBe(2);
    expect(Number.isFinite(figures.fanout.split.crossP99Ms)).toBe(true);
    const rooms = figures.rooms;
    expect(rooms).toMatchObject({ processes: 2, rooms: 6, connections: 12, edits: 6, converged: true });
    for (const value of [rooms.joinSeconds, rooms.editP50Ms, rooms.editP99Ms, rooms.rssPerRoomBytes]) {
      expect(Number.isFinite(value)).toBe(true);
    }
    expect(rooms.rssBytes).toHaveLength(2);
    expect(rooms.editCpuSeconds).toHaveLength(2);

    const leftover = await onDatabase((db) =>
      db.query("SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'bench_cluster_%'"),
    );
    expect(leftover.rows.filter((row) => String(row.schema_name).includes(`_${process.pid}_`))).toEqual([]);

    const report = '# Benchmarks\n\n<!-- notes:start -->\nnotes\n<!-- notes:end -->\n';
    const section = clusterSection(figures);
    const once = replaceClusterSection(report, section);
    expect(replaceClusterSection(once, section)).toBe(once);
    expect(once.indexOf('## Scale-out')).toBeLessThan(once.indexOf('<!-- notes:end -->'));
    expect(section).not.toContain('n/a');
    expect(section).not.toContain('NO');
  }, 180_000);
});

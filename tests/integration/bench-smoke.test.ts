import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_WORKLOADS, type BenchResults, runBench } from '../bench/bench.js';
import { evaluateBudgets } from '../bench/budgets.js';
import { writeMarkdownReport } from '../bench/report.js';
import { SMOKE_SIZES } from '../bench/sizes.js';

type EnsureBuilt = (options: { quiet: boolean }) => void;

/** The harness at tiny sizes: every peer converges and every figure is produced; no timings. */
describe('bench harness (smoke)', () => {
  let results: BenchResults;
  const outDir = mkdtempSync(join(tmpdir(), 'plenary-bench-smoke-'));

  beforeAll(async () => {
    const script = new URL('../../server/scripts/ensure-built.mjs', import.meta.url).href;
    const { ensureBuilt } = (await import(script)) as { ensureBuilt: EnsureBuilt };
    ensureBuilt({ quiet: true });
    results = await runBench({ sizes: SMOKE_SIZES });
  }, 300_000);

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('converges on every peer in every workload', () => {
    const failed = results.measurements.filter((m) => !m.converged).map((m) => `${m.workload}/${m.peer}: ${m.detail}`);
    expect(failed).toEqual([]);
  });

  it('measures every workload against Plenary and the reference', () => {
    for (const workload of ALL_WORKLOADS) {
      const peers = new Set(results.measurements.filter((m) => m.workload === workload).map((m) => m.peer));
      expect(peers.has('plenary'), workload).toBe(true);
      if (workload !== 'cold') expect(peers.has('reference'), workload).toBe(true);
    }
    for (const m of results.measurements) {
      expect(Object.keys(m.figures).length, `${m.workload}/${m.peer}`).toBeGreaterThan(0);
      for (const [name, value] of Object.entries(m.figures)) {
        if (name !== 'given_back_fraction')
          expect(Number.isFinite(value), `${m.workload}/${m.peer} ${name}`).toBe(true);
      }
    }
  });

  it('writes a report with every budget', () => {
    const file = join(outDir, 'BENCHMARKS.md');
    const budgets = evaluateBudgets(results.measurements);
    writeMarkdownReport(file, results, budgets, 'smoke');
    const report = readFileSync(file, 'utf8');
    for (const budget of budgets) expect(report).toContain(budget.name);
    expect(report).toContain('Every run');
  });
});

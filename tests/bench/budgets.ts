import type { Measurement } from './bench.js';
import { formatFigure, medianOf, ratioOf } from './figures.js';
import type { WorkloadName } from './job.js';

/** One budget of DESIGN §6 and whether this run met it. */
export interface BudgetResult {
  readonly name: string;
  readonly measured: string;
  readonly limit: string;
  /** null when the run did not include the workload. */
  readonly pass: boolean | null;
}

function ratioBudget(name: string, ratio: number, limit: number): BudgetResult {
  return {
    name,
    measured: Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '–',
    limit: `≤ ${limit}×`,
    pass: Number.isFinite(ratio) ? ratio <= limit : null,
  };
}

/** Evaluates every budget the measurements allow; ratios are medians of pairwise ratios. */
export function evaluateBudgets(m: readonly Measurement[]): BudgetResult[] {
  const cold = medianOf(m, 'cold', 'plenary', 'first_synced_ms');
  const givenBack = medianOf(m, 'idle', 'plenary', 'given_back_fraction');
  const budgets: [WorkloadName | null, BudgetResult][] = [
    [
      'fanout',
      ratioBudget(
        'fan-out p99 latency vs reference',
        ratioOf(m, 'fanout', 'latency_p99_ms', 'plenary', 'reference'),
        1,
      ),
    ],
    [
      'fanout',
      ratioBudget('fan-out server CPU vs reference', ratioOf(m, 'fanout', 'server_cpu_s', 'plenary', 'reference'), 1),
    ],
    [
      'join',
      ratioBudget('join storm time vs reference', ratioOf(m, 'join', 'all_synced_ms', 'plenary', 'reference'), 0.5),
    ],
    [
      'join',
      ratioBudget(
        'join storm time vs cached-state floor',
        ratioOf(m, 'join', 'all_synced_ms', 'plenary', 'cached'),
        1.5,
      ),
    ],
    [
      'cold',
      {
        name: 'cold load, first client synced',
        measured: `${formatFigure('ms', cold)} ms`,
        limit: '< 200 ms',
        pass: Number.isFinite(cold) ? cold < 200 : null,
      },
    ],
    [
      'trace',
      ratioBudget(
        'trace replay CPU per 1k edits vs reference',
        ratioOf(m, 'trace', 'cpu_s_per_1k_edits', 'plenary', 'reference'),
        1,
      ),
    ],
    [
      'idle',
      ratioBudget(
        'idle-room RSS per room vs reference',
        ratioOf(m, 'idle', 'rss_per_room_bytes', 'plenary', 'reference'),
        1,
      ),
    ],
    [
      'idle',
      {
        name: 'idle-room memory given back after everyone leaves',
        measured: formatFigure('_fraction', givenBack),
        limit: '≥ 50% of the growth',
        pass: Number.isFinite(givenBack) ? givenBack >= 0.5 : null,
      },
    ],
    [
      null,
      {
        name: 'every client converged (all workloads, all peers)',
        measured: `${m.filter((x) => x.converged).length}/${m.length} runs`,
        limit: 'all',
        pass: m.length > 0 ? m.every((x) => x.converged) : null,
      },
    ],
  ];
  // A figure from runs where Plenary's clients did not converge (refused, lost updates) is no
  // measurement of the budget: it fails, and says why.
  return budgets.map(([workload, budget]) => {
    const failed = workload !== null && m.some((x) => x.workload === workload && x.peer === 'plenary' && !x.converged);
    return failed
      ? { ...budget, measured: `${budget.measured} (invalid: Plenary runs did not converge)`, pass: false }
      : budget;
  });
}

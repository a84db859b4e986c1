// Revisions budgets: compare and concordance of two 100-page revisions in < 300 ms server side,
// issuing a revision of the automerge-paper trace document in < 100 ms of event-loop time.
// Prints the figures and keeps them in docs/BENCHMARKS.md (the "Revisions budget" block inside
// the notes, which the server report preserves). Not part of the test suite.
// Run: node --conditions=@plenary/source --import tsx tests/bench/revisions.ts [--quick] [--no-write]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replaceRevisionSection, revisionSection, revisionVerdicts } from './revision-report.js';
import { COMPARE_BUDGET_MS, ISSUE_BUDGET_MS, measureRevisions } from './revision-workload.js';

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const figures = await measureRevisions({ pages: 100, runs: quick ? 3 : 7 });
const ok = revisionVerdicts(figures);
const over = (pass: boolean) => (pass ? '' : '  OVER BUDGET');
const line = (name: string, t: { medianMs: number; minMs: number; maxMs: number }, budget: number, pass: boolean) =>
  `  ${name}: median ${t.medianMs.toFixed(0)} ms (min ${t.minMs.toFixed(0)}, max ${t.maxMs.toFixed(0)}), budget < ${budget} ms${over(pass)}`;
console.log(
  `revisions: ${figures.pages}-page draft (${figures.clauses} clauses), ${figures.changedClauses} clauses changed`,
);
console.log(line('compare Rev.1 → Rev.2', figures.compare, COMPARE_BUDGET_MS, ok.compare));
console.log(line('concordance html', figures.concordance, COMPARE_BUDGET_MS, ok.concordance));
const t = figures.trace;
console.log(
  `  issue, automerge-paper (${t.txns} txns, ${(t.stateBytes / 1024).toFixed(0)} KiB): event loop median ${t.eventLoop.medianMs.toFixed(1)} ms (max ${t.eventLoop.maxMs.toFixed(1)}), answered in ${t.answered.medianMs.toFixed(1)} ms, budget < ${ISSUE_BUDGET_MS} ms${over(ok.issue)}`,
);
const file = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/BENCHMARKS.md');
if (existsSync(file) && !process.argv.includes('--no-write')) {
  writeFileSync(file, replaceRevisionSection(readFileSync(file, 'utf8'), revisionSection(figures)));
}
if (!ok.compare || !ok.concordance || !ok.issue) process.exitCode = 1;
process.exit();

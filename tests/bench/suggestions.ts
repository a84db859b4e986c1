// Suggestions budgets (DESIGN §6) on a 100-page draft holding 300 open suggestions of 10
// delegations in formal mode: a remote keystroke renders in < 16 ms (p99) in Chromium, accept-all
// reaches every client in < 500 ms, the changes DOCX exports in < 1 s. Prints the figures and
// keeps them in docs/BENCHMARKS.md (the "Suggestions budget" block inside the notes, which the
// server report preserves). Not part of the test suite.
// Run: node --conditions=@plenary/source --import tsx tests/bench/suggestions.ts [--quick] [--no-write]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinThisProcess } from './peers/launch.js';
import { COLD_KEYSTROKES } from './suggestion-keystrokes.js';
import { replaceSuggestionSection, suggestionSection, suggestionVerdicts } from './suggestion-report.js';
import { measureSuggestions } from './suggestion-workload.js';

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
// The clients and the page beside each other, never on the server's core.
pinThisProcess(1);
// Every stock y-websocket provider in Node listens for the process's exit: eleven of them here.
process.setMaxListeners(32);
const figures = await measureSuggestions({
  pages: 100,
  delegations: 10,
  perDelegation: 30,
  keystrokes: quick ? 100 : 300,
  exportRuns: quick ? 3 : 5,
});
const ok = suggestionVerdicts(figures);
const over = (pass: boolean) => (pass ? '' : '  OVER BUDGET');
const k = figures.keystrokes;
const a = figures.acceptAll;
const e = figures.changesExport;
console.log(
  `suggestions: ${figures.pages}-page draft (${figures.clauses} clauses), ${figures.suggestions} open suggestions of ${figures.delegations} delegations`,
);
console.log(
  `  remote keystroke render, ${k.keystrokes} keystrokes: p50 ${k.p50Ms.toFixed(2)} ms, p99 ${k.p99Ms.toFixed(2)} ms, max ${k.maxMs.toFixed(2)} ms, p99 after the first ${COLD_KEYSTROKES} ${k.laterP99Ms.toFixed(2)} ms${over(ok.keystroke)}`,
);
console.log(
  `  accept-all of ${a.suggestions}: reached all ${a.clients} clients in ${a.reachedAllMs.toFixed(0)} ms (answered in ${a.answeredMs.toFixed(0)} ms)${a.converged ? '' : ', NOT converged'}${over(ok.acceptAll)}`,
);
console.log(
  `  changes DOCX against zero: median ${e.medianMs.toFixed(0)} ms (min ${e.minMs.toFixed(0)}, max ${e.maxMs.toFixed(0)}), ${(e.bytes / 1024).toFixed(0)} KiB, ${e.trackedBySuggesters} tracked changes by the delegations${over(ok.export)}`,
);
console.log('  no reference equivalent: suggestions, formal mode and exports are Plenary only (no ratios)');

const file = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/BENCHMARKS.md');
if (existsSync(file) && !process.argv.includes('--no-write')) {
  writeFileSync(file, replaceSuggestionSection(readFileSync(file, 'utf8'), suggestionSection(figures)));
}
if (!ok.keystroke || !ok.acceptAll || !ok.export) process.exitCode = 1;

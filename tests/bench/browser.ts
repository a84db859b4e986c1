// Browser budgets (DESIGN §6): a remote keystroke renders in < 16 ms in a 100-page draft, and the
// web bundle is ≤ 400 KB gzipped. Prints the figures and keeps them in docs/BENCHMARKS.md (the
// "Browser budget" block inside the notes, which the server report preserves).
// Run: node --conditions=@plenary/source --import tsx tests/bench/browser.ts [--quick]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserSection, replaceBrowserSection } from './browser-report.js';
import { BUNDLE_BUDGET_BYTES, measureBrowser, REMOTE_KEYSTROKE_BUDGET_MS } from './browser-workload.js';

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const figures = await measureBrowser({ pages: 100, keystrokes: quick ? 100 : 300 });
const renderOk = figures.renderP99Ms < REMOTE_KEYSTROKE_BUDGET_MS;
const bundleOk = figures.bundleGzipBytes <= BUNDLE_BUDGET_BYTES;
console.log(
  `remote keystroke render, ${figures.pages}-page draft (${figures.clauses} clauses), ${figures.keystrokes} keystrokes: ` +
    `p50 ${figures.renderP50Ms.toFixed(2)} ms, p99 ${figures.renderP99Ms.toFixed(2)} ms, max ${figures.renderMaxMs.toFixed(2)} ms` +
    (renderOk ? '' : '  OVER BUDGET'),
);
console.log(`web bundle gzipped: ${(figures.bundleGzipBytes / 1024).toFixed(0)} KiB${bundleOk ? '' : '  OVER BUDGET'}`);

const file = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/BENCHMARKS.md');
if (existsSync(file) && !process.argv.includes('--no-write')) {
  writeFileSync(file, replaceBrowserSection(readFileSync(file, 'utf8'), browserSection(figures)));
}
if (!renderOk || !bundleOk) process.exitCode = 1;

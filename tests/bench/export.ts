// Export budget (DESIGN §6): a 100-page draft to DOCX and to PDF in < 1 s. Prints timings;
// not part of the test suite. Run: node --conditions=@plenary/source --import tsx tests/bench/export.ts
import { exportDraft } from '@plenary/export';
import { largeDraft } from '../../packages/export/test/fixtures.js';

const BUDGET_MS = 1000;
const RUNS = 5;
const room = { title: 'Benchmark draft', symbol: 'A/AC.294/2026/WP.99' };
const date = new Date('2026-03-15T00:00:00Z');
const doc = largeDraft(100);

let failed = false;
for (const format of ['docx', 'pdf', 'html', 'akn'] as const) {
  // One warm-up run loads the libraries and the PDF font.
  await exportDraft(format, doc, room, { mode: 'clean', date });
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const result = await exportDraft(format, doc, room, { mode: 'clean', date });
    times.push(performance.now() - start);
    bytes = result.body.byteLength;
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(RUNS / 2)] ?? 0;
  const over = (format === 'docx' || format === 'pdf') && median >= BUDGET_MS;
  failed ||= over;
  console.log(
    `${format.padEnd(5)} median ${median.toFixed(0).padStart(5)} ms  (min ${(times[0] ?? 0).toFixed(0)} ms, ${(bytes / 1024).toFixed(0)} KiB)${over ? '  OVER BUDGET' : ''}`,
  );
}
if (failed) process.exitCode = 1;

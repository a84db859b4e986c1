import { type BrowserFigures, BUNDLE_BUDGET_BYTES, REMOTE_KEYSTROKE_BUDGET_MS } from './browser-workload.js';
import { replaceSection } from './report-section.js';

const START = '<!-- browser:start -->';
const END = '<!-- browser:end -->';

function verdict(pass: boolean): string {
  return pass ? '**pass**' : '**FAIL**';
}

/** The "Browser budget" block of docs/BENCHMARKS.md for one run. */
export function browserSection(f: BrowserFigures): string {
  return [
    START,
    '## Browser budget',
    '',
    '`pnpm bench` also measures the web app in headless Chromium (`tests/bench/browser.ts`): a',
    `${f.pages}-page draft (${f.clauses} clauses) is open in a page while a stock y-websocket client in Node types`,
    `${f.keystrokes} characters, one at a time, into an operative paragraph in its middle. Each latency runs from`,
    "the update frame's arrival in the page (a listener added before y-websocket's) to the character",
    "in the draft's DOM (a MutationObserver); layout and paint come after and are not included. The",
    'bundle figure is every built JavaScript, CSS and HTML file, gzipped one by one. The p99 follows',
    "the load of the machine (other processes delay the page's main thread): measure on an idle one.",
    '',
    '| budget | measured | limit | result |',
    '|---|---|---|---|',
    `| remote keystroke render, p99 | ${f.renderP99Ms.toFixed(2)} ms (p50 ${f.renderP50Ms.toFixed(2)} ms, max ${f.renderMaxMs.toFixed(2)} ms) | < ${REMOTE_KEYSTROKE_BUDGET_MS} ms | ${verdict(f.renderP99Ms < REMOTE_KEYSTROKE_BUDGET_MS)} |`,
    `| web bundle, gzipped | ${(f.bundleGzipBytes / 1024).toFixed(0)} KiB | ≤ ${BUNDLE_BUDGET_BYTES / 1024} KiB | ${verdict(f.bundleGzipBytes <= BUNDLE_BUDGET_BYTES)} |`,
    END,
  ].join('\n');
}

/**
 * Replaces the browser block in the report, or adds it at the end of the notes (inside them, so
 * that the server workloads' report keeps it when it rewrites the file).
 */
export function replaceBrowserSection(report: string, section: string): string {
  return replaceSection(report, 'browser', section);
}

import { replaceSection } from './report-section.js';
import { COLD_KEYSTROKES } from './suggestion-keystrokes.js';
import {
  ACCEPT_ALL_BUDGET_MS,
  CHANGES_EXPORT_BUDGET_MS,
  SUGGESTED_KEYSTROKE_BUDGET_MS,
  type SuggestionFigures,
} from './suggestion-workload.js';

const NAME = 'suggestions';

function verdict(pass: boolean): string {
  return pass ? '**pass**' : '**FAIL**';
}

function ms(value: number): string {
  return `${value.toFixed(value < 100 ? 1 : 0)} ms`;
}

/** Which of the suggestions budgets one run met. */
export function suggestionVerdicts(f: SuggestionFigures): { keystroke: boolean; acceptAll: boolean; export: boolean } {
  return {
    keystroke: f.keystrokes.p99Ms < SUGGESTED_KEYSTROKE_BUDGET_MS,
    acceptAll: f.acceptAll.converged && f.acceptAll.reachedAllMs < ACCEPT_ALL_BUDGET_MS,
    export: f.changesExport.medianMs < CHANGES_EXPORT_BUDGET_MS,
  };
}

/** The "Suggestions budget" block of docs/BENCHMARKS.md for one run. */
export function suggestionSection(f: SuggestionFigures): string {
  const ok = suggestionVerdicts(f);
  const a = f.acceptAll;
  const e = f.changesExport;
  const k = f.keystrokes;
  return [
    `<!-- ${NAME}:start -->`,
    '## Suggestions budget',
    '',
    '`pnpm bench` then measures a draft under negotiation in formal mode (`tests/bench/suggestions.ts`),',
    'against the built server in its own process with its default limits. A room created from the',
    `draft-resolution template gets a ${f.pages}-page draft (${f.clauses} clauses) from the chair; in formal mode`,
    `${f.delegations} delegations, each its own client and token, make ${f.suggestions} suggestions over the socket (two`,
    'insertions to every deletion, each in its own clause, spread over the draft), which the server',
    'checks and records as for any delegate. Three figures are then taken:',
    '',
    `- *Remote keystroke*: the room is open in the web app in headless Chromium as the chair, and one`,
    `  delegation types ${k.keystrokes} characters, at most 20 a second, at the end of its own insertion in the`,
    "  middle of the draft (each keystroke also updates the suggestion's record, pushed to the page).",
    '  Typing starts once the page has run no long task for a second. Measured as in the browser',
    "  budget: a sync frame's arrival in the page to the character in the draft's DOM. The first",
    "  keystrokes run the page's remote-edit code for the first time and are the slowest (40–90 ms",
    `  for the very first); the p99 without the first ${COLD_KEYSTROKES} is given beside the budget's, which counts them.`,
    `- *Changes export*: \`GET /api/rooms/<room>/export?format=docx&mode=changes&against=zero\` as the`,
    `  chair, request to last byte, median of ${e.runs} after one unrecorded request (the first export loads`,
    `  the exporters). The draft is compared with the template it started from, so nearly all of it is`,
    '  new text, and every open suggestion is a tracked change by its delegation.',
    `- *Accept-all*: \`POST /api/rooms/<room>/suggestions/decide {"action":"accept"}\` as the chair with`,
    `  ${a.clients} stock y-websocket clients connected (the chair's and every delegation's), from the request`,
    '  to the last client applying the change; then every client holds the same draft without a',
    '  suggestion mark and every record is accepted (checked after the timing).',
    '',
    'There is no reference figure: the reference peer has no suggestions, formal mode or exports,',
    'so these are budgets on Plenary alone, without ratios. Like the browser budget, the keystroke',
    "p99 follows the machine's load.",
    '',
    '| budget | measured | limit | result |',
    '|---|---|---|---|',
    `| remote keystroke render with ${f.suggestions} open suggestions, p99 | ${k.p99Ms.toFixed(2)} ms (p50 ${k.p50Ms.toFixed(2)} ms, max ${k.maxMs.toFixed(2)} ms; p99 after the first ${COLD_KEYSTROKES} ${k.laterP99Ms.toFixed(2)} ms) | < ${SUGGESTED_KEYSTROKE_BUDGET_MS} ms | ${verdict(ok.keystroke)} |`,
    `| accept-all of ${a.suggestions} suggestions, reached all ${a.clients} clients | ${ms(a.reachedAllMs)} (answered in ${ms(a.answeredMs)}; ${a.converged ? 'converged' : 'NOT converged'}) | < ${ACCEPT_ALL_BUDGET_MS} ms | ${verdict(ok.acceptAll)} |`,
    `| changes DOCX against the zero draft, median | ${ms(e.medianMs)} (min ${ms(e.minMs)}, max ${ms(e.maxMs)}; ${(e.bytes / 1024).toFixed(0)} KiB, ${e.trackedBySuggesters} tracked changes by the delegations) | < ${CHANGES_EXPORT_BUDGET_MS} ms | ${verdict(ok.export)} |`,
    `<!-- ${NAME}:end -->`,
  ].join('\n');
}

/** Replaces the suggestions block in the report, or adds it at the end of the notes. */
export function replaceSuggestionSection(report: string, section: string): string {
  return replaceSection(report, NAME, section);
}

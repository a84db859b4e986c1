import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import type { BenchResults, Measurement } from './bench.js';
import type { BudgetResult } from './budgets.js';
import { formatFigure, medianOf, ratioOf } from './figures.js';
import type { PeerKind, WorkloadName } from './job.js';
import { REPO_ROOT } from './peers/launch.js';

const TITLES: Record<WorkloadName, string> = {
  trace: '1. Trace replay (automerge-paper, one writer, observers)',
  cold: '4. Cold load from storage (Plenary restarted on its data dir)',
  fanout: '2. Keystroke fan-out (one room)',
  join: '3. Join storm (room holding the automerge-paper document)',
  idle: '5. Idle rooms (one client each)',
  concurrent: '6. Concurrent trace (friendsforever, two clients)',
};
const ORDER: readonly WorkloadName[] = ['trace', 'fanout', 'join', 'cold', 'idle', 'concurrent'];
const FLOORS: readonly PeerKind[] = ['relay', 'cached'];

/** Where the hand-written notes live in docs/BENCHMARKS.md; they survive regeneration. */
const NOTES_START = '<!-- notes:start -->';
const NOTES_END = '<!-- notes:end -->';

/** One summary row: a figure's medians per peer and the ratios of Plenary to the others. */
export interface SummaryRow {
  readonly workload: WorkloadName;
  readonly figure: string;
  readonly plenary: string;
  readonly reference: string;
  readonly floor: string;
  readonly vsReference: string;
  readonly vsFloor: string;
}

function ratioText(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : '–';
}

/** The summary table: every figure of every workload, medians and median pairwise ratios. */
export function summarize(measurements: readonly Measurement[]): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const workload of ORDER) {
    const runs = measurements.filter((m) => m.workload === workload);
    if (runs.length === 0) continue;
    const floor = FLOORS.find((kind) => runs.some((m) => m.peer === kind)) ?? null;
    const figures = [...new Set(runs.flatMap((m) => Object.keys(m.figures)))];
    for (const figure of figures) {
      const cell = (peer: PeerKind | null) =>
        peer ? formatFigure(figure, medianOf(measurements, workload, peer, figure)) : '–';
      rows.push({
        workload,
        figure,
        plenary: cell('plenary'),
        reference: cell('reference'),
        floor: floor ? `${cell(floor)} (${floor})` : '–',
        vsReference: ratioText(ratioOf(measurements, workload, figure, 'plenary', 'reference')),
        vsFloor: floor ? ratioText(ratioOf(measurements, workload, figure, 'plenary', floor)) : '–',
      });
    }
  }
  return rows;
}

function passText(pass: boolean | null): string {
  return pass === null ? 'n/a' : pass ? 'PASS' : 'FAIL';
}

/** The console table of figures and budgets. */
export function consoleReport(results: BenchResults, budgets: readonly BudgetResult[]): string {
  const rows = summarize(results.measurements);
  const header = ['workload', 'figure', 'plenary', 'reference', 'floor', 'P/ref', 'P/floor'];
  const table = [
    header,
    ...rows.map((r) => [r.workload, r.figure, r.plenary, r.reference, r.floor, r.vsReference, r.vsFloor]),
  ];
  const widths = header.map((_, i) => Math.max(...table.map((row) => (row[i] as string).length)));
  const lines = table.map((row) => row.map((cell, i) => cell.padEnd(widths[i] as number)).join('  '));
  const budgetLines = budgets.map((b) => `${passText(b.pass).padEnd(4)}  ${b.name}: ${b.measured} (budget ${b.limit})`);
  return [...lines, '', 'Budgets (DESIGN §6):', ...budgetLines].join('\n');
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function machine(): string[] {
  const cpu = cpus();
  const dirty = git(['status', '--porcelain']) === '' ? '' : ' plus uncommitted changes';
  return [
    `- Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Linux ${release()}`,
    `- Node ${process.version}; commit ${git(['rev-parse', '--short', 'HEAD'])}${dirty}`,
    `- Date: ${new Date().toISOString()}`,
  ];
}

function markdownTable(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

/** The generated docs/BENCHMARKS.md, keeping the hand-written notes of `previous`. */
export function markdownReport(
  results: BenchResults,
  budgets: readonly BudgetResult[],
  mode: string,
  previous: string | null,
): string {
  const notesStart = previous?.indexOf(NOTES_START) ?? -1;
  const notesEnd = previous?.indexOf(NOTES_END) ?? -1;
  const notes =
    previous && notesStart >= 0 && notesEnd > notesStart
      ? previous.slice(notesStart, notesEnd + NOTES_END.length)
      : `${NOTES_START}\n${NOTES_END}`;
  const rows = summarize(results.measurements);
  const lines: string[] = [
    '# Benchmarks',
    '',
    'Generated by `pnpm bench` (tests/bench); see DESIGN §6 for the budgets and the method below.',
    '',
    `## This run (${mode}, ${results.seconds.toFixed(0)} s)`,
    '',
    ...machine(),
    `- Sizes: \`${JSON.stringify(results.sizes)}\``,
    '',
    '### Budgets',
    '',
    ...markdownTable(
      ['budget', 'measured', 'limit', 'result'],
      budgets.map((b) => [b.name, b.measured, b.limit, `**${passText(b.pass)}**`]),
    ),
    '',
  ];
  for (const workload of ORDER) {
    const own = rows.filter((r) => r.workload === workload);
    if (own.length === 0) continue;
    lines.push(
      `### ${TITLES[workload]}`,
      '',
      ...markdownTable(
        ['figure', 'Plenary', 'reference', 'floor', 'Plenary / reference', 'Plenary / floor'],
        own.map((r) => [r.figure, r.plenary, r.reference, r.floor, r.vsReference, r.vsFloor]),
      ),
      '',
    );
  }
  lines.push(
    '### Every run',
    '',
    ...markdownTable(
      ['workload', 'pair', 'peer', 'converged', 'figures'],
      results.measurements.map((m) => [
        m.workload,
        String(m.pair + 1),
        m.peer,
        m.converged ? 'yes' : `**no** (${m.detail})`,
        Object.entries(m.figures)
          .map(([k, v]) => `${k} ${formatFigure(k, v)}`)
          .join(', '),
      ]),
    ),
    '',
    notes,
    '',
  );
  return lines.join('\n');
}

/** Writes the report to `file`, keeping the notes section of the file it replaces. */
export function writeMarkdownReport(
  file: string,
  results: BenchResults,
  budgets: readonly BudgetResult[],
  mode: string,
): void {
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : null;
  writeFileSync(file, markdownReport(results, budgets, mode, previous));
}

import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { type ComparedClause, type Comparison, concordanceLine } from './comparison.js';
import { documentDate } from './context.js';
import { escapeMarkdown } from './markdown.js';
import { cleanText, escapeHtml } from './xml-text.js';
import { setZipTimes } from './zip-time.js';

/** What a concordance table is written from: the comparison and the names of its two versions. */
export interface ConcordanceInput {
  readonly title: string;
  readonly symbol: string | null;
  /** The earlier version's name ("Rev.1"). */
  readonly fromName: string;
  /** The later version's name ("Rev.2", or "Current draft"). */
  readonly toName: string;
  readonly comparison: Comparison;
  readonly date: Date;
}

const CHANGE_WORDS: Readonly<Record<ComparedClause['change'], string>> = {
  same: 'unchanged',
  changed: 'changed',
  moved: 'moved',
  added: 'added',
  deleted: 'deleted',
};

/** The words of the table's "change" column: the kind, and a status change when there is one. */
export function changeWords(clause: ComparedClause): string {
  const status = clause.status ? `; status ${clause.status.from} → ${clause.status.to}` : '';
  return `${CHANGE_WORDS[clause.change]}${status}`;
}

function cell(clause: ComparedClause, side: 'from' | 'to', name: string): string {
  const label = clause[side];
  if (label === null) return side === 'from' ? 'new' : 'deleted';
  return `${name} ${label}`;
}

function heading(input: ConcordanceInput): string {
  return `Concordance: ${input.fromName} → ${input.toName}`;
}

/** The concordance table as a standalone HTML page (no scripts, inline style only). */
export function writeConcordanceHtml(input: ConcordanceInput): string {
  const rows = input.comparison.clauses
    .map(
      (c) =>
        `<tr class="${c.change}" data-clause="${escapeHtml(c.clauseId)}" title="${escapeHtml(concordanceLine(c, input.fromName, input.toName))}"><td>${escapeHtml(cell(c, 'from', input.fromName))}</td><td>${escapeHtml(cell(c, 'to', input.toName))}</td><td>${escapeHtml(changeWords(c))}</td></tr>`,
    )
    .join('\n');
  const title = escapeHtml(cleanText(input.title));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}: ${escapeHtml(heading(input))}</title>
<style>body{font-family:"Times New Roman",serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .6em;text-align:left}tr.deleted td{color:#c00000}tr.added td{color:#00703c}</style>
</head><body>
<h1>${title}</h1>
${input.symbol ? `<p class="symbol">${escapeHtml(cleanText(input.symbol))}</p>\n` : ''}<h2>${escapeHtml(heading(input))}</h2>
<p class="date">${escapeHtml(documentDate(input.date))}</p>
<table><thead><tr><th>${escapeHtml(input.fromName)}</th><th>${escapeHtml(input.toName)}</th><th>change</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}

/** The concordance table as a Markdown (GFM) table. */
export function writeConcordanceMarkdown(input: ConcordanceInput): string {
  const lines = [
    `# ${escapeMarkdown(input.title)}`,
    '',
    ...(input.symbol ? [escapeMarkdown(input.symbol), ''] : []),
    `## ${escapeMarkdown(heading(input))}`,
    '',
    escapeMarkdown(documentDate(input.date)),
    '',
    `| ${escapeMarkdown(input.fromName)} | ${escapeMarkdown(input.toName)} | change |`,
    '| --- | --- | --- |',
    ...input.comparison.clauses.map(
      (c) =>
        `| ${escapeMarkdown(cell(c, 'from', input.fromName))} | ${escapeMarkdown(cell(c, 'to', input.toName))} | ${escapeMarkdown(changeWords(c))} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

function row(texts: readonly string[], bold = false): TableRow {
  return new TableRow({
    tableHeader: bold,
    children: texts.map(
      (text) =>
        new TableCell({
          width: { size: 3000, type: WidthType.DXA },
          children: [
            new Paragraph({ children: [new TextRun({ text: cleanText(text), bold, font: 'Times New Roman' })] }),
          ],
        }),
    ),
  });
}

/** The concordance table as a Word document; deterministic for the same input (zip times set to `date`). */
export async function writeConcordanceDocx(input: ConcordanceInput): Promise<Uint8Array> {
  const doc = new Document({
    creator: 'Plenary',
    title: `${cleanText(input.title)}: ${heading(input)}`,
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun({ text: cleanText(input.title), bold: true, size: 28 })] }),
          ...(input.symbol ? [new Paragraph({ children: [new TextRun(cleanText(input.symbol))] })] : []),
          new Paragraph({ children: [new TextRun({ text: heading(input), bold: true })] }),
          new Paragraph({ children: [new TextRun(documentDate(input.date))] }),
          new Table({
            rows: [
              row([input.fromName, input.toName, 'change'], true),
              ...input.comparison.clauses.map((c) =>
                row([cell(c, 'from', input.fromName), cell(c, 'to', input.toName), changeWords(c)]),
              ),
            ],
          }),
        ],
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc);
  return setZipTimes(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), input.date);
}

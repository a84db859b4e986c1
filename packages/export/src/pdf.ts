import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { type ExportComment, noteHeading } from './comments.js';
import { documentDate, type ExportContext } from './context.js';
import {
  type Block,
  type ClauseBlock,
  clauseNote,
  clauseNumber,
  formulationLabel,
  type Run,
  showsAnnotations,
} from './model.js';
import { suggestionTag, withSuggestionTags } from './suggestions.js';

/** DejaVu Serif faces (npm `dejavu-fonts-ttf`): Latin, Greek and Cyrillic, embedded as subsets. */
const FACES = {
  regular: 'DejaVuSerif.ttf',
  italic: 'DejaVuSerif-Italic.ttf',
  bold: 'DejaVuSerif-Bold.ttf',
  boldItalic: 'DejaVuSerif-BoldItalic.ttf',
} as const;
type Face = keyof typeof FACES;

let fontCache: Record<Face, Buffer> | null = null;

/** The font files, read once from the installed package (never fetched). */
function fonts(): Record<Face, Buffer> {
  if (fontCache) return fontCache;
  const require = createRequire(import.meta.url);
  const dir = require.resolve('dejavu-fonts-ttf/package.json').replace(/package\.json$/, 'ttf/');
  const read = (face: Face): Buffer => readFileSync(dir + FACES[face]);
  fontCache = { regular: read('regular'), italic: read('italic'), bold: read('bold'), boldItalic: read('boldItalic') };
  return fontCache;
}

const SIZE = 11;
const SMALL = 7.5;
const INDENT = 36;
const BLACK = '#000000';
const GREY = '#595959';
const BLUE = '#1f4e79';
const GREEN = '#00703c';
const RED = '#c00000';

function faceOf(run: { em?: boolean; strong?: boolean }): Face {
  if (run.em && run.strong) return 'boldItalic';
  if (run.em) return 'italic';
  if (run.strong) return 'bold';
  return 'regular';
}

type Pdf = InstanceType<typeof PDFDocument>;

interface Piece {
  readonly text: string;
  readonly face: Face;
  readonly size: number;
  readonly colour: string;
  readonly underline?: boolean;
  readonly strike?: boolean;
  readonly link?: string;
}

function piece(run: Run): Piece {
  const inserted = run.change === 'ins' || run.suggestion?.kind === 'insertion';
  const deleted = run.change === 'del' || run.suggestion?.kind === 'deletion';
  return {
    text: run.text,
    face: faceOf(run),
    size: run.role === 'tag' ? SMALL : SIZE,
    colour: deleted ? RED : inserted ? GREEN : run.role === 'tag' ? GREY : BLACK,
    ...(inserted || run.href ? { underline: true } : {}),
    ...(deleted ? { strike: true } : {}),
    ...(run.href ? { link: run.href } : {}),
  };
}

/** The pieces of a list of runs, each suggestion followed by its delegation in small type of its colour. */
function pieces(runs: readonly Run[]): Piece[] {
  const out: Piece[] = [];
  for (const { run, tag } of withSuggestionTags(runs)) {
    out.push(piece(run));
    if (!tag) continue;
    const colour = tag.kind === 'insertion' ? GREEN : RED;
    out.push({ text: suggestionTag(tag), face: 'bold', size: SMALL, colour });
  }
  return out;
}

/**
 * Moves each piece's leading spaces to the end of the piece before: pdfkit drops leading
 * whitespace of a continued text call, which would glue words together.
 */
function shiftSpaces(pieces: readonly Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    const lead = /^\s+/.exec(p.text)?.[0] ?? '';
    const prev = out[out.length - 1];
    if (lead && prev && !prev.text.endsWith('\n')) {
      out[out.length - 1] = { ...prev, text: prev.text + lead };
      if (p.text.length > lead.length) out.push({ ...p, text: p.text.slice(lead.length) });
    } else if (p.text.length > 0) out.push(p);
  }
  return out;
}

/**
 * Writes pieces as one paragraph at (x, current y) with `width`, continuing runs on one line.
 * Left-aligned: pdfkit justifies each continued piece on its own, which spreads words apart.
 */
function paragraph(
  pdf: Pdf,
  pieces: readonly Piece[],
  x: number,
  width: number,
  indent = 0,
  align: 'left' | 'center' = 'left',
): void {
  const list = shiftSpaces(pieces);
  if (list.length === 0) list.push({ text: ' ', face: 'regular', size: SIZE, colour: BLACK });
  list.forEach((p, i) => {
    // A line that a smaller piece (a tag, a status) wraps onto must still advance a full line:
    // pdfkit measures a wrapped line by the piece's own font, which would pull it up into the
    // line above. The gap makes up the difference.
    const lineGap = pdf.font(p.face).fontSize(SIZE).currentLineHeight() - pdf.fontSize(p.size).currentLineHeight();
    pdf.fillColor(p.colour);
    const options = {
      width,
      align,
      lineGap,
      continued: i < list.length - 1,
      underline: p.underline ?? false,
      strike: p.strike ?? false,
      link: p.link ?? null,
      ...(i === 0 ? { indent } : {}),
    };
    if (i === 0) pdf.text(p.text, x, pdf.y, options);
    else pdf.text(p.text, options);
  });
  pdf.y += SIZE * 0.8;
}

/** The lines of a clause: one per formulation (alternatives each start a line), status on the last. */
function clauseLines(block: ClauseBlock, annotate: boolean): Piece[][] {
  const lines = block.formulations.map((f) => {
    const label = formulationLabel(f);
    return [
      ...(label ? [{ text: `${label}: `, face: 'bold' as const, size: SIZE, colour: BLACK }] : []),
      ...pieces(f.runs),
    ];
  });
  if (lines.length === 0) lines.push([]);
  if (annotate && block.clause === 'pp')
    lines[0]?.unshift({ text: `${block.label}  `, face: 'regular', size: SMALL, colour: GREY });
  if (annotate)
    lines[lines.length - 1]?.push({
      text: `  (${clauseNote(block)})`,
      face: 'bold',
      size: SMALL,
      colour: BLUE,
    });
  return lines;
}

/** Writes a clause's lines as paragraphs at `x`; only the first gets the first-line indent. */
function clauseText(pdf: Pdf, block: ClauseBlock, annotate: boolean, x: number, width: number, indent: number): void {
  const lines = clauseLines(block, annotate);
  lines.forEach((line, i) => {
    if (i > 0) pdf.y -= SIZE * 0.5;
    paragraph(pdf, line, x, width, i === 0 ? indent : 0);
  });
}

function block(pdf: Pdf, b: Block, annotate: boolean, left: number, width: number): void {
  if (b.kind === 'heading') {
    pdf.y += SIZE * 0.4;
    paragraph(
      pdf,
      pieces(b.runs).map((p) => ({ ...p, face: 'bold' })),
      left,
      width,
      0,
      'center',
    );
    return;
  }
  if (b.kind === 'paragraph') {
    paragraph(pdf, pieces(b.runs), left, width);
    return;
  }
  if (b.clause === 'pp') {
    clauseText(pdf, b, annotate, left, width, INDENT);
    return;
  }
  const numX = left + INDENT * b.level;
  const textX = numX + INDENT;
  // Keep the number with the first line of its text.
  if (pdf.y + SIZE * 2 > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
  const y = pdf.y;
  pdf
    .font('regular')
    .fontSize(SIZE)
    .fillColor(BLACK)
    .text(clauseNumber(b), numX, y, { width: INDENT, lineBreak: false });
  pdf.y = y;
  clauseText(pdf, b, annotate, textX, left + width - textX, 0);
}

/** The stances on a clause's brackets and alternatives, in small type under it. */
function positionLines(pdf: Pdf, b: ClauseBlock, x: number, width: number): void {
  for (const p of b.positions) {
    pdf.y -= SIZE * 0.5;
    paragraph(
      pdf,
      [
        { text: `${p.subject}: `, face: 'bold', size: SMALL + 1, colour: GREY },
        { text: p.summary, face: 'regular', size: SMALL + 1, colour: GREY },
      ],
      x,
      width,
    );
  }
}

/** Comment threads as small notes under their clause: heading, then "Author: text" lines. */
function notes(pdf: Pdf, comments: readonly ExportComment[] | undefined, x: number, width: number): void {
  if (!comments) return;
  for (const c of comments) {
    pdf.y -= SIZE * 0.4;
    paragraph(pdf, [{ text: noteHeading(c), face: 'bold', size: SMALL + 1, colour: BLUE }], x, width);
    for (const m of c.messages) {
      pdf.y -= SIZE * 0.6;
      paragraph(
        pdf,
        [
          { text: `${m.author}: `, face: 'bold', size: SMALL + 1, colour: GREY },
          { text: m.body, face: 'regular', size: SMALL + 1, colour: GREY },
        ],
        x,
        width,
      );
    }
  }
}

/**
 * Writes the draft as PDF in-process with pdfkit, in the layout of the DOCX export: header
 * with "United Nations", symbol and date, title, preambular and operative paragraphs (opening phrase in
 * italics), numbered operative paragraphs with (a) and (i) sub-paragraphs, page numbers.
 * Changes and suggestions are shown inline: insertions green and underlined, deletions red and
 * struck out, each suggestion followed by its delegation in small type.
 * The font is DejaVu Serif from npm, embedded as a subset: Latin, Greek and Cyrillic render;
 * right-to-left scripts (Arabic, Hebrew) are not shaped and CJK has no glyphs yet.
 * Deterministic: the info dates (and so the file ID) come from `ctx.date`.
 */
export function writePdf(ctx: ExportContext): Promise<Uint8Array> {
  const faces = fonts();
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 72, bottom: 72, left: 72, right: 72 },
    bufferPages: true,
    info: {
      Title: ctx.room.title,
      ...(ctx.room.symbol ? { Subject: ctx.room.symbol } : {}),
      Author: 'Plenary',
      Creator: 'Plenary',
      Producer: 'Plenary',
      CreationDate: ctx.date,
      ModDate: ctx.date,
    },
  });
  for (const face of Object.keys(FACES) as Face[]) pdf.registerFont(face, faces[face]);
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    pdf.on('error', reject);
  });
  const left = pdf.page.margins.left;
  const width = pdf.page.width - left - pdf.page.margins.right;
  const top = pdf.y;
  pdf.font('bold').fontSize(SIZE).fillColor(BLACK).text('United Nations', left, top, { width, lineBreak: false });
  pdf
    .font('regular')
    .fontSize(15)
    .text(ctx.room.symbol ?? '', left, top - 3, { width, align: 'right', lineBreak: false });
  const rule = top + 20;
  pdf
    .moveTo(left, rule)
    .lineTo(left + width, rule)
    .lineWidth(0.8)
    .strokeColor(BLACK)
    .stroke();
  pdf
    .font('regular')
    .fontSize(SIZE)
    .text(`Distr.: General\n${documentDate(ctx.date)}`, left, rule + 8, {
      width,
      align: 'right',
    });
  pdf.moveDown(1.5);
  if (ctx.room.stage) pdf.font('italic').text(ctx.room.stage, left, pdf.y, { width }).moveDown(0.5);
  pdf.font('bold').fontSize(13).text(ctx.room.title, left, pdf.y, { width }).moveDown(1);
  const annotate = showsAnnotations(ctx.mode);
  const withNotes = (b: Block) => {
    block(pdf, b, annotate, left, width);
    if (b.kind === 'clause') positionLines(pdf, b, left + INDENT * (b.level + 1), width - INDENT * (b.level + 1));
    if (b.kind === 'clause' && b.id) notes(pdf, ctx.notes.byClause.get(b.id), left + INDENT, width - INDENT);
  };
  for (const b of ctx.model.preamble) withNotes(b);
  for (const b of ctx.model.operative) withNotes(b);
  if (ctx.notes.orphaned.length > 0) {
    paragraph(pdf, [{ text: 'Comments on deleted clauses', face: 'bold', size: SIZE, colour: BLACK }], left, width);
    notes(pdf, ctx.notes.orphaned, left + INDENT, width - INDENT);
  }
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    // Writing into the bottom margin would otherwise start a new page.
    pdf.page.margins.bottom = 0;
    pdf
      .font('regular')
      .fontSize(9)
      .fillColor(BLACK)
      .text(String(i + 1), left, pdf.page.height - 48, { width, align: 'center', lineBreak: false });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return done;
}

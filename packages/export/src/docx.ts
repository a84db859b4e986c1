import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  Footer,
  type ICommentOptions,
  type IRunPropertiesOptions,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  SimpleField,
  TabStopType,
  TextRun,
} from 'docx';
import JSZip from 'jszip';
import type { EditAuthor } from './change-authors.js';
import { type ExportComment, noteHeading } from './comments.js';
import { documentDate, type ExportContext, isoSecond } from './context.js';
import { applyMoveMarkup, type MoveGhost, type MovePlan, moveAuthor, partStart, planMoves } from './docx-moves.js';
import { laidOutParagraph, type MarkChange, type ParagraphLayout } from './docx-paragraphs.js';
import { type ChangeSignature, joinRuns, type RunLook, TextStretch, type Tracking } from './docx-runs.js';
import { RevisionIds } from './docx-state.js';
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
import { escapeXml } from './xml-text.js';
import { setZipTimes } from './zip-time.js';

/** Reference of the numbering definition for operative paragraphs: 1., (a), (i). */
export const OPERATIVE_NUMBERING = 'plenary-operative';

const FONT = 'Times New Roman';
/** Sizes in half-points. */
const SIZE = 24;
const SMALL = 18;
/**
 * Size of raised tags (a suggestion's delegation, a bracket's): Word shrinks superscript to about
 * two thirds, so full size prints them at about 8 pt, the size of the PDF's tags.
 */
const RAISED = SIZE;
const INDENT = 720;
const GREY = '595959';
const STATUS_COLOUR = '1F4E79';
const INSERTED = '00703C';
const DELETED = 'C00000';

/** Word comments (`w:comment`) collected while the body is written; ids count from 0. */
class WordComments {
  readonly list: ICommentOptions[] = [];

  /**
   * Wraps `children` in a comment range per thread and adds each thread as one Word comment by
   * the delegation that started it: a heading paragraph (state, quoted words), then one
   * paragraph per message line, "Author: text".
   */
  wrap(children: ParagraphChild[], threads: readonly ExportComment[] | undefined): ParagraphChild[] {
    if (!threads || threads.length === 0) return children;
    const ids = threads.map((thread) => {
      const id = this.list.length;
      const first = thread.messages[0];
      this.list.push({
        id,
        author: thread.delegation,
        initials: thread.delegation.slice(0, 3),
        date: new Date(first?.createdAt ?? 0),
        children: [
          new Paragraph({ children: [new TextRun({ text: noteHeading(thread), bold: true })] }),
          ...thread.messages.flatMap((m) =>
            m.body.split('\n').map(
              (line, i) =>
                new Paragraph({
                  children: [
                    ...(i === 0 ? [new TextRun({ text: `${m.author}: `, bold: true })] : []),
                    new TextRun({ text: line }),
                  ],
                }),
            ),
          ),
        ],
      });
      return id;
    });
    return [
      ...ids.map((id) => new CommentRangeStart(id)),
      ...children,
      ...ids.map((id) => new CommentRangeEnd(id)),
      ...ids.map((id) => new TextRun({ children: [new CommentReference(id)] })),
    ];
  }
}

/**
 * A change against the earlier version no suggestion accounts for: by the author of the edit in
 * the provenance log that made it (`ctx.edits`), dated when it was made; by `ctx.author`, dated
 * the export, when no edit of the clause accounts for it.
 */
function revision(
  ctx: ExportContext,
  ids: RevisionIds,
  kind: 'ins' | 'del',
  text: string,
  author: EditAuthor | null = null,
): ChangeSignature {
  if (ids.move?.side === 'from') return moveRevision(ctx, ids, 'from', ids.move.name);
  const by = author ?? ctx.edits.authorOf(ids.clauseId, kind, text);
  return by ? ids.edit(by) : ids.exported(ctx);
}

/** One side of a move: by whoever moved the clause (the provenance log), marked for `applyMoveMarkup`. */
function moveRevision(ctx: ExportContext, ids: RevisionIds, side: 'from' | 'to', name: string): ChangeSignature {
  return ids.moveSide(side, name, () => {
    const by = ctx.edits.authorOf(ids.clauseId, 'move', '');
    const date = isoSecond(by ? new Date(by.at) : ctx.date);
    return { author: moveAuthor(side, name, by?.author ?? ctx.author), date };
  });
}

/** The look of a run: its formatting, without its words. */
function lookOf(run: Run, ctx: ExportContext, ids: RevisionIds): RunLook {
  // In changes mode a suggestion is Word's own tracked change: no formatting of its own, which
  // accepting it would leave behind.
  const styled = ctx.mode === 'changes' ? undefined : run.suggestion?.kind;
  const tag = run.role === 'tag';
  const key = `${tag ? 't' : ''}${run.em ? 'i' : ''}${run.strong ? 'b' : ''}:${styled ?? ''}`;
  return ids.look(key, () => ({
    // Font and size come from the document defaults; only the tag differs.
    ...(tag ? { size: RAISED } : {}),
    ...(run.em ? { italics: true } : {}),
    ...(run.strong ? { bold: true } : {}),
    ...(tag ? { superScript: true, color: GREY } : {}),
    ...(styled === 'insertion' ? { underline: {}, color: INSERTED } : {}),
    ...(styled === 'deletion' ? { strike: true, color: DELETED } : {}),
  }));
}

/** How a run is tracked: who inserted or deleted it (or proposes to), when. */
function trackingOf(run: Run, ctx: ExportContext, ids: RevisionIds, by: EditAuthor | null): Tracking | null {
  // Words only the earlier version has: whatever suggestion they were under is gone with them.
  if (run.change === 'del') return { kind: 'del', by: revision(ctx, ids, 'del', run.text, by) };
  if (ctx.mode === 'changes' && run.suggestion) {
    const suggested = ids.suggestion(run.suggestion, ctx);
    if (run.suggestion.kind === 'insertion') return { kind: 'ins', by: suggested };
    // Words inserted since the earlier version that a delegation proposes to delete, as Word
    // writes text one author inserted and another deleted.
    if (run.change === 'ins') return { kind: 'ins-del', by: revision(ctx, ids, 'ins', run.text), deletedBy: suggested };
    return { kind: 'del', by: suggested };
  }
  if (run.change === 'ins') return { kind: 'ins', by: revision(ctx, ids, 'ins', run.text, by) };
  // The words a moved clause kept are the move itself, at its new place.
  if (ids.move?.side === 'to' && !run.suggestion)
    return { kind: 'ins', by: moveRevision(ctx, ids, 'to', ids.move.name) };
  return null;
}

function runOf(run: Run, ctx: ExportContext, ids: RevisionIds, by: EditAuthor | null = null): Inline {
  const tracking = trackingOf(run, ctx, ids, by);
  // HYPERLINK fields rather than ExternalHyperlink: the latter names its relationship with a
  // random id, which would make the file differ on every export of the same draft.
  // safeHref has refused quotes and backslashes, so the href cannot break out of the field;
  // the library escapes the instruction for XML.
  if (!tracking && run.href) return new SimpleField(`HYPERLINK "${run.href}"`, run.text);
  return new TextStretch(run.text, lookOf(run, ctx, ids), tracking ?? UNTRACKED);
}

/** A paragraph's content before its runs are joined (docx-runs.ts). */
type Inline = TextStretch | ParagraphChild;

const UNTRACKED: Tracking = { kind: 'none' };
const HEADING_LAYOUT: ParagraphLayout = {
  alignment: AlignmentType.CENTER,
  keepNext: true,
  spacing: { before: 240, after: 240 },
};
/** The look of a preambular paragraph's label ("PP 1") in the annotated modes. */
const LABEL_LOOK: IRunPropertiesOptions = { size: SMALL, color: GREY };
/** The look of a clause's status note ("(proposed)") in the annotated modes. */
const NOTE_LOOK: IRunPropertiesOptions = { size: SMALL, bold: true, color: STATUS_COLOUR };

/**
 * The children of a list of runs. In compilation mode each suggestion is followed by its tag (the
 * delegation, or "unattributed") in small raised bold type of the suggestion's colour; changes mode
 * names the delegation as the tracked change's author instead.
 */
function runsOf(runs: readonly Run[], ctx: ExportContext, ids: RevisionIds): Inline[] {
  const out: Inline[] = [];
  // Changes mode names the delegation as the author and writes no tag, so its runs stay whole.
  // Nor a bracket's proposer: written into the text it would be a tracked change of its own,
  // and accepting every change would leave it behind.
  const placed =
    ctx.mode === 'changes'
      ? runs.filter((run) => run.role !== 'tag').map((run) => ({ run, tag: null }))
      : withSuggestionTags(runs);
  for (const { run, tag } of placed) {
    // A change several authors made in a row is one tracked change per author.
    const split = run.change !== undefined && !(ctx.mode === 'changes' && run.suggestion);
    const pieces =
      split && run.change ? ctx.edits.split(ids.clauseId, run.change, run.text) : [{ text: run.text, by: null }];
    for (const piece of pieces) out.push(runOf({ ...run, text: piece.text }, ctx, ids, piece.by));
    if (!tag) continue;
    const colour = tag.kind === 'insertion' ? INSERTED : DELETED;
    out.push(new TextRun({ text: suggestionTag(tag), size: RAISED, bold: true, superScript: true, color: colour }));
  }
  return out;
}

function label(text: string, ctx: ExportContext, ids: RevisionIds, change: Run['change']): Inline {
  return runOf({ text, role: 'label', strong: true, ...(change ? { change } : {}) }, ctx, ids);
}

function clauseChildren(block: ClauseBlock, ctx: ExportContext, ids: RevisionIds): ParagraphChild[] {
  const out: Inline[] = [];
  // The label and the status note are never tracked changes: they describe the clause. Their
  // font is the document's default.
  if (showsAnnotations(ctx.mode) && block.clause === 'pp')
    out.push(
      new TextStretch(
        `${block.label}  `,
        ids.look('label', () => LABEL_LOOK),
        UNTRACKED,
      ),
    );
  block.formulations.forEach((f, i) => {
    if (i > 0) out.push(new TextRun({ break: 1 }));
    const written = formulationLabel(f);
    if (written) out.push(label(`${written}: `, ctx, ids, block.change));
    out.push(...runsOf(f.runs, ctx, ids));
  });
  if (showsAnnotations(ctx.mode))
    out.push(
      new TextStretch(
        `  (${clauseNote(block)})`,
        ids.look('note', () => NOTE_LOOK),
        UNTRACKED,
      ),
    );
  return joinRuns(out, ids.take);
}

/** The words of a block, for finding who inserted or deleted it whole. */
function blockText(block: Block): string {
  const runs = block.kind === 'clause' ? block.formulations.flatMap((f) => f.runs) : block.runs;
  return runs.map((r) => r.text).join('');
}

/** The change of a block's paragraph mark: the clause inserted, deleted or moved here whole. */
function paragraphMark(block: Block, ctx: ExportContext, ids: RevisionIds): MarkChange | null {
  if (ids.move?.side === 'to' && !block.change)
    return { kind: 'ins', id: ids.take(), by: moveRevision(ctx, ids, 'to', ids.move.name) };
  if (block.change === 'ins') return { kind: 'ins', id: ids.take(), by: revision(ctx, ids, 'ins', blockText(block)) };
  if (block.change === 'del') return { kind: 'del', id: ids.take(), by: revision(ctx, ids, 'del', blockText(block)) };
  return null;
}

/**
 * A block's paragraph of `layout` holding `children`, its mark tracked as the block's change.
 * The children are written first: tracked changes are numbered in document order.
 */
function laidOut(
  layout: ParagraphLayout,
  children: ParagraphChild[],
  block: Block,
  ctx: ExportContext,
  ids: RevisionIds,
): Paragraph {
  return laidOutParagraph(ids.layout(layout), children, paragraphMark(block, ctx, ids));
}

/**
 * The stances on a clause's brackets and alternatives: one small grey paragraph under the
 * clause, a line per bracket or alternative, indented with the clause's text. Never a tracked
 * change: it describes the negotiation, not the text.
 */
function positionsParagraph(block: ClauseBlock): Paragraph[] {
  if (block.positions.length === 0) return [];
  const children: ParagraphChild[] = [];
  block.positions.forEach((p, i) => {
    if (i > 0) children.push(new TextRun({ break: 1 }));
    children.push(new TextRun({ text: `${p.subject}: `, size: SMALL, bold: true, color: GREY }));
    children.push(new TextRun({ text: p.summary, size: SMALL, color: GREY }));
  });
  return [
    new Paragraph({
      children,
      indent: { left: block.clause === 'pp' ? INDENT : INDENT * (block.level + 1) },
      spacing: { before: 0, after: 240 },
      keepLines: true,
    }),
  ];
}

function blockParagraph(
  block: Block,
  ctx: ExportContext,
  ids: RevisionIds,
  comments: WordComments,
  moves: MovePlan,
): Paragraph[] {
  const name = moves.names.get(block.key);
  ids.move = name && block.kind === 'clause' && block.movedFrom ? { side: 'to', name } : null;
  const paragraph = blockOwnParagraph(block, ctx, ids, comments);
  ids.move = null;
  const out = block.kind === 'clause' ? [paragraph, ...positionsParagraph(block)] : [paragraph];
  return [...out, ...(moves.after.get(block.key) ?? []).map((ghost) => ghostParagraph(ghost, ctx, ids))];
}

/**
 * A moved clause where it stood in the earlier version: its words then, as Word's moved-from
 * text (docx-moves.ts), unnumbered and without notes, so that accepting the move leaves nothing.
 */
function ghostParagraph(ghost: MoveGhost, ctx: ExportContext, ids: RevisionIds): Paragraph {
  const { block } = ghost;
  ids.clauseId = block.id;
  ids.move = { side: 'from', name: ghost.name };
  const children: Inline[] = [];
  block.formulations.forEach((f, i) => {
    if (i > 0) children.push(new TextRun({ break: 1 }));
    if (f.label) children.push(label(`${f.label}: `, ctx, ids, 'del'));
    children.push(...runsOf(f.runs, ctx, ids));
  });
  const paragraph = laidOut(
    {
      spacing: { after: 240, line: 276 },
      // Where the clause's text stood, after the number it no longer has.
      indent: block.clause === 'pp' ? { firstLine: INDENT } : { left: INDENT * (block.level + 1) },
    },
    joinRuns(children, ids.take),
    block,
    ctx,
    ids,
  );
  ids.move = null;
  return paragraph;
}

function blockOwnParagraph(block: Block, ctx: ExportContext, ids: RevisionIds, comments: WordComments): Paragraph {
  ids.clauseId = block.kind === 'clause' ? block.id : null;
  // A clause with position notes keeps them close under it.
  const noted = block.kind === 'clause' && block.positions.length > 0;
  const spacing = { after: noted ? 60 : 240, line: 276 };
  if (block.kind === 'heading') {
    const runs = runsOf(
      block.runs.map((r) => ({ ...r, strong: true })),
      ctx,
      ids,
    );
    return laidOut(HEADING_LAYOUT, joinRuns(runs, ids.take), block, ctx, ids);
  }
  if (block.kind === 'paragraph')
    return laidOut(
      { alignment: AlignmentType.JUSTIFIED, spacing },
      joinRuns(runsOf(block.runs, ctx, ids), ids.take),
      block,
      ctx,
      ids,
    );
  const children = comments.wrap(
    clauseChildren(block, ctx, ids),
    block.id ? ctx.notes.byClause.get(block.id) : undefined,
  );
  // A justified line before a line break (between alternatives) is spread edge to edge.
  const alignment = block.formulations.length > 1 ? AlignmentType.LEFT : AlignmentType.JUSTIFIED;
  if (block.clause === 'pp')
    return laidOut({ alignment, indent: { firstLine: INDENT }, spacing }, children, block, ctx, ids);
  if (ctx.mode === 'changes') {
    // Word renumbers a list as tracked paragraphs come and go and shows the old numbers beside
    // the new ("7.[5.]"). In the changes view the numbers are the shown version's, written as
    // plain text that no revision touches, with the list's own indents.
    const number = clauseNumber(block);
    return laidOut(
      {
        alignment,
        indent: { left: INDENT * (block.level + 1), hanging: INDENT },
        tabStops: [{ type: TabStopType.LEFT, position: INDENT * (block.level + 1) }],
        spacing,
      },
      [...(number ? [new TextRun({ text: `${number}\t` })] : []), ...children],
      block,
      ctx,
      ids,
    );
  }
  // Numbered by Word: the library registers the list's use as it writes the paragraph.
  const mark = paragraphMark(block, ctx, ids);
  const change = mark && { id: mark.id, ...mark.by };
  return new Paragraph({
    children,
    alignment,
    numbering: { reference: OPERATIVE_NUMBERING, level: block.level },
    spacing,
    ...(change ? { run: mark.kind === 'ins' ? { insertion: change } : { deletion: change } } : {}),
  });
}

function header(ctx: ExportContext, comments: WordComments): Paragraph[] {
  const text = (value: string, extra: Record<string, unknown> = {}) =>
    new TextRun({ text: value, font: FONT, size: SIZE, ...extra });
  const out = [
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: 9000 }],
      border: { bottom: { style: 'single', size: 6, space: 4, color: '000000' } },
      children: [text('United Nations', { bold: true }), text('\t'), text(ctx.room.symbol ?? '', { size: 32 })],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { before: 120, after: 360 },
      children: [text(`Distr.: General`), new TextRun({ break: 1 }), text(documentDate(ctx.date))],
    }),
  ];
  if (ctx.room.stage)
    out.push(new Paragraph({ spacing: { after: 120 }, children: [text(ctx.room.stage, { italics: true })] }));
  out.push(
    new Paragraph({
      spacing: { after: 360 },
      keepNext: true,
      // Threads whose clause was deleted have no place in the text: they sit on the title.
      children: comments.wrap([text(ctx.room.title, { bold: true, size: 28 })], ctx.notes.orphaned),
    }),
  );
  return out;
}

function coreXml(ctx: ExportContext): string {
  const when = isoSecond(ctx.date);
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(ctx.room.title)}</dc:title>` +
    `<dc:subject>${escapeXml(ctx.room.symbol ?? '')}</dc:subject>` +
    '<dc:creator>Plenary</dc:creator><cp:lastModifiedBy>Plenary</cp:lastModifiedBy>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/**
 * Writes the draft as a Word document laid out as a UN document: symbol and date header,
 * title, preambular and operative paragraphs with their opening phrase in italics, operative paragraphs and
 * sub-paragraphs numbered by Word's own numbering (1., (a), (i)) (in changes mode by the
 * computed numbers as plain text, so that no number is itself a tracked change), page
 * numbers in the footer.
 * In changes mode the model's changes become Word tracked changes (`w:ins`/`w:del`, also on
 * paragraph marks of whole inserted or deleted clauses) by `ctx.author`, dated `ctx.date`; open
 * suggestions become tracked changes by their delegation ("France (Jean Dupont)" when the person
 * is known, "unattributed" without a record), dated when they were made. In compilation mode
 * suggestions are coloured (insertions underlined, deletions struck) and tagged with their
 * delegation.
 * Deterministic: core properties and zip entry times come from `ctx.date`, and links are
 * HYPERLINK fields (the library's hyperlink element takes a random relationship id).
 * Comment threads (compilation and changes modes) become Word comments on their clause's
 * paragraph; threads of deleted clauses sit on the title.
 */
export async function writeDocx(ctx: ExportContext): Promise<Uint8Array> {
  const ids = new RevisionIds();
  const comments = new WordComments();
  const body: Paragraph[] = [...header(ctx, comments)];
  const moves: MovePlan =
    ctx.mode === 'changes' && ctx.earlier ? planMoves(ctx.earlier, ctx.model) : { after: new Map(), names: new Map() };
  const ghosts = (key: string) => (moves.after.get(key) ?? []).map((ghost) => ghostParagraph(ghost, ctx, ids));
  body.push(...ghosts(partStart('preamble')));
  for (const block of ctx.model.preamble) body.push(...blockParagraph(block, ctx, ids, comments, moves));
  body.push(...ghosts(partStart('operative')));
  for (const block of ctx.model.operative) body.push(...blockParagraph(block, ctx, ids, comments, moves));
  const level = (lvl: number, format: (typeof LevelFormat)[keyof typeof LevelFormat], text: string) => ({
    level: lvl,
    format,
    text,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: INDENT * (lvl + 1), hanging: INDENT } } },
  });
  const doc = new Document({
    creator: 'Plenary',
    title: ctx.room.title,
    features: { trackRevisions: ctx.mode === 'changes' },
    ...(comments.list.length > 0 ? { comments: { children: comments.list } } : {}),
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    numbering: {
      config: [
        {
          reference: OPERATIVE_NUMBERING,
          levels: [
            level(0, LevelFormat.DECIMAL, '%1.'),
            level(1, LevelFormat.LOWER_LETTER, '(%2)'),
            level(2, LevelFormat.LOWER_ROMAN, '(%3)'),
          ],
        },
      ],
    },
    sections: [
      {
        properties: { page: { margin: { top: 1440, bottom: 1440, left: 1440, right: 1440 } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: SMALL })],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc, false, [{ path: 'docProps/core.xml', data: coreXml(ctx) }]);
  let bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (moves.names.size > 0) bytes = await withMoveMarkup(bytes);
  return setZipTimes(bytes, ctx.date);
}

/** The archive with Word's move markup written into its document.xml (docx-moves.ts). */
async function withMoveMarkup(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const document = await zip.file('word/document.xml')?.async('string');
  if (document === undefined) return bytes;
  zip.file('word/document.xml', applyMoveMarkup(document));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

import {
  type ClauseNodeName,
  type ClauseStatus,
  isClauseNodeName,
  letter,
  numberClauses,
  type OpeningPart,
  openingPhraseLength,
  readId,
  readStatus,
  roman,
  safeHref,
} from '@plenary/schema';
import type { Mark, Node as PMNode } from 'prosemirror-model';
import type { ExportMode } from './formats.js';
import { type PositionIndex, positionIndex, proposerTag, quoteBracket, stanceSummary } from './positions.js';
import { type RunSuggestion, resolveSuggestion, type SuggestionIndex, sameSuggestion } from './suggestions.js';
import { cleanText } from './xml-text.js';

/** What a run of text is: draft words, or something the exporter adds around them. */
export type RunRole =
  /** The draft's own words. */
  | 'text'
  /** A `[` or `]` around bracketed text. */
  | 'bracket'
  /** The proposing delegation after a closing `]` (compilation and changes modes). */
  | 'tag'
  /** A placeholder, written with its ⟨ ⟩. */
  | 'placeholder'
  /** Words the exporter writes, such as "no text". */
  | 'label';

/** A tracked change on a run, from comparing two versions ({@link diffModels}). */
export type Change = 'ins' | 'del';

/** A run of text with one formatting; the unit every writer renders. Text is already cleaned. */
export interface Run {
  readonly text: string;
  readonly role: RunRole;
  readonly em?: boolean;
  readonly strong?: boolean;
  /** An allowlisted link target (`safeHref`); refused links are plain text. */
  readonly href?: string;
  /**
   * The suggestion the text is under, with its author from the room's records (compilation and
   * changes modes; the other modes do not apply suggestions and carry none).
   */
  readonly suggestion?: RunSuggestion;
  readonly change?: Change;
  /** On a `[`, a `]` and its tag: the bracket's id (an empty string when the mark has none). */
  readonly bracket?: string;
}

/** One formulation of a clause: its body, or one alternative ("Alt 1"). */
export interface Formulation {
  /** `"Alt 1"` … when the clause holds alternatives, else `null`. */
  readonly label: string | null;
  readonly runs: readonly Run[];
  /** The alternative's id, when the clause holds alternatives. */
  readonly optionId?: string | null;
  /** Compilation and changes modes: the delegation that proposed the alternative, when a record names it. */
  readonly proposer?: string;
}

/**
 * A line compilation and changes exports write under a clause: where the delegations stand on
 * one of its brackets or alternatives ("[refrain from tests]", "Proposed by Brazil; supported by
 * Kenya; opposed by France"), from the room's records.
 */
export interface PositionNote {
  /** The bracketed words quoted ("[…]") or the alternative's label ("Alt 2"). */
  readonly subject: string;
  readonly summary: string;
}

/** A clause (PP, OP, sub-paragraph) in document order, flattened with its nesting level. */
export interface ClauseBlock {
  readonly kind: 'clause';
  /** Stable key for comparing versions: `c:<id>` (or a positional key without an id). */
  readonly key: string;
  readonly id: string | null;
  readonly clause: ClauseNodeName;
  /** 0 for PPs and OPs, 1 for (a), 2 for (i). */
  readonly level: 0 | 1 | 2;
  /** Own number: `"3"`, `"a"`, `"ii"`; `""` for a deleted clause in changes mode. */
  readonly number: string;
  /** Written label: `"PP 2"`, `"OP 3 (a) (ii)"`. */
  readonly label: string;
  readonly status: ClauseStatus;
  readonly formulations: readonly Formulation[];
  readonly change?: Change;
  /** In the changes view: the clause's label in the earlier version when it has moved. */
  readonly movedFrom?: string;
  /** Compilation and changes modes: the stances on the clause's brackets and alternatives. */
  readonly positions: readonly PositionNote[];
}

/** A section heading (`kind: 'heading'`) or an unnumbered narrative paragraph. */
export interface TextBlock<K extends 'heading' | 'paragraph' = 'heading' | 'paragraph'> {
  readonly kind: K;
  readonly key: string;
  readonly runs: readonly Run[];
  readonly change?: Change;
}

/** One block of the operative part (the preamble holds clauses only). */
export type Block = ClauseBlock | TextBlock<'heading'> | TextBlock<'paragraph'>;

/** A draft read for export: the mode's view of the document, numbered, in document order. */
export interface DraftModel {
  readonly preamble: readonly ClauseBlock[];
  readonly operative: readonly Block[];
}

const STATUS_LABELS: Readonly<Record<ClauseStatus, string>> = {
  proposed: 'proposed',
  'under-discussion': 'under discussion',
  'agreed-ad-ref': 'agreed ad ref.',
  agreed: 'agreed',
};

/** How a clause status is written in compilation exports. */
export function statusLabel(status: ClauseStatus): string {
  return STATUS_LABELS[status];
}

/**
 * A clause's written number: `"3."` for an OP, `"(a)"` or `"(ii)"` for a sub-paragraph, and
 * nothing for a clause the changes view deletes. Numbers are always those of the version
 * shown, computed, never tracked as changes themselves.
 */
export function clauseNumber(block: ClauseBlock): string {
  if (block.change === 'del') return '';
  return block.level === 0 ? `${block.number}.` : `(${block.number})`;
}

/**
 * The note compilation and changes exports write after a clause: its status, and where it
 * came from when the changes view finds it moved ("moved from OP 1; agreed").
 */
export function clauseNote(block: ClauseBlock): string {
  const status = statusLabel(block.status);
  return block.movedFrom ? `moved from ${block.movedFrom}; ${status}` : status;
}

/**
 * How a formulation's label is written: "Alt 2", with its proposer in the annotated modes,
 * "Alt 2 (Kenya)"; null for a clause without alternatives.
 */
export function formulationLabel(formulation: Formulation): string | null {
  if (!formulation.label) return null;
  return formulation.proposer ? `${formulation.label} (${formulation.proposer})` : formulation.label;
}

/** Whether the mode shows clause status, bracket ids and suggestions. */
export function showsAnnotations(mode: ExportMode): boolean {
  return mode === 'compilation' || mode === 'changes';
}

const LEVEL: Readonly<Record<ClauseNodeName, 0 | 1 | 2>> = { pp: 0, op: 0, subparagraph: 1, subsubparagraph: 2 };

const NO_SUGGESTIONS: SuggestionIndex = new Map();

/** What inline text is read with: the room's suggestion records and the document's positions. */
export interface InlineRecords {
  readonly suggestions: SuggestionIndex;
  readonly positions: PositionIndex | null;
}

const NO_RECORDS: InlineRecords = { suggestions: NO_SUGGESTIONS, positions: null };

function bracketIdsOf(marks: readonly Mark[]): string[] {
  return marks.filter((m) => m.type.name === 'bracket').map((m) => readId(m.attrs.id) ?? '');
}

/**
 * The index of the last text child each bracket covers: of brackets opening on the same text,
 * the one reaching further opens first, so nested brackets close inside out ("[[a] b]").
 */
function bracketEnds(node: PMNode): Map<string, number> {
  const ends = new Map<string, number>();
  node.forEach((child, _offset, index) => {
    for (const id of bracketIdsOf(child.marks)) ends.set(id, index);
  });
  return ends;
}

/**
 * The runs of one text block in `mode`: brackets written as `[ ]` (nested ones inside out),
 * placeholders as ⟨ ⟩. In the annotated modes each closing bracket is followed by the delegation
 * that proposed it, from the room's position records ("unattributed" without one), and text
 * under an `insertion` or `deletion` mark carries its suggestion, attributed from the records by
 * the mark's id; the other modes leave insertions out and keep the text of deletions, unmarked
 * (an open suggestion is not applied).
 */
export function inlineRuns(node: PMNode, mode: ExportMode, records: InlineRecords = NO_RECORDS): Run[] {
  const annotate = showsAnnotations(mode);
  const { suggestions, positions } = records;
  const out: Run[] = [];
  const open: string[] = [];
  const ends = bracketEnds(node);
  let placeholder: Mark | null = null;
  const push = (run: Run): void => {
    const last = out[out.length - 1];
    if (last && sameStyle(last, run)) out[out.length - 1] = { ...last, text: last.text + run.text };
    else out.push(run);
  };
  const closePlaceholder = (): void => {
    if (placeholder) push({ text: '⟩', role: 'placeholder' });
    placeholder = null;
  };
  const closeBrackets = (keep: ReadonlySet<string>): void => {
    while (open.length > 0 && !open.every((id) => keep.has(id))) {
      const id = open.pop() as string;
      closePlaceholder();
      push({ text: ']', role: 'bracket', bracket: id });
      if (annotate) push({ text: proposerTag(positions?.entry(id)), role: 'tag', bracket: id });
    }
  };
  node.forEach((child, _offset, index) => {
    if (!child.isText || !child.text) return;
    const marks = child.marks;
    const suggestionMark = marks.find((m) => m.type.name === 'insertion' || m.type.name === 'deletion');
    const kind = suggestionMark?.type.name as 'insertion' | 'deletion' | undefined;
    // Open suggestions are not applied outside the annotated modes: an insertion is not there yet.
    if (kind === 'insertion' && !annotate) return;
    const suggestion =
      annotate && suggestionMark && kind ? resolveSuggestion(kind, readId(suggestionMark.attrs.id), suggestions) : null;
    const brackets = bracketIdsOf(marks);
    const ids = new Set(brackets);
    closeBrackets(ids);
    const ph = marks.find((m) => m.type.name === 'placeholder') ?? null;
    if (placeholder && !ph?.eq(placeholder)) closePlaceholder();
    const opening = brackets
      .filter((id, i) => !open.includes(id) && brackets.indexOf(id) === i)
      .sort((a, b) => (ends.get(b) ?? index) - (ends.get(a) ?? index));
    for (const id of opening) {
      open.push(id);
      push({ text: '[', role: 'bracket', bracket: id });
    }
    if (ph && !placeholder) {
      placeholder = ph;
      push({ text: '⟨', role: 'placeholder' });
    }
    const text = cleanText(child.text);
    if (text.length === 0) return;
    const link = marks.find((m) => m.type.name === 'link');
    const href = link ? safeHref(link.attrs.href) : null;
    push({
      text,
      role: ph ? 'placeholder' : 'text',
      ...(marks.some((m) => m.type.name === 'em') ? { em: true } : {}),
      ...(marks.some((m) => m.type.name === 'strong') ? { strong: true } : {}),
      ...(href ? { href } : {}),
      ...(suggestion ? { suggestion } : {}),
    });
  });
  closeBrackets(new Set());
  closePlaceholder();
  return out;
}

/** Whether two runs can be merged into one. */
export function sameStyle(a: Run, b: Run): boolean {
  return (
    a.role === b.role &&
    a.role !== 'tag' &&
    a.role !== 'bracket' &&
    !!a.em === !!b.em &&
    !!a.strong === !!b.strong &&
    a.href === b.href &&
    sameSuggestion(a.suggestion, b.suggestion) &&
    a.change === b.change
  );
}

function hasBracket(node: PMNode): boolean {
  let found = false;
  node.descendants((child) => {
    if (child.marks.some((m) => m.type.name === 'bracket')) found = true;
    return !found;
  });
  return found;
}

/** The stances on the brackets of `runs` that have any, in the order they open. */
function bracketNotes(runs: readonly Run[], positions: PositionIndex | null): PositionNote[] {
  if (!positions) return [];
  const notes: PositionNote[] = [];
  for (const run of runs) {
    if (run.role !== 'bracket' || run.text !== '[' || run.bracket === undefined) continue;
    const entry = positions.entry(run.bracket);
    const summary = stanceSummary(entry);
    if (entry && summary) notes.push({ subject: quoteBracket(entry.text), summary });
  }
  return notes;
}

/** A clause's formulations with the position notes of its brackets and alternatives. */
interface ClauseText {
  readonly formulations: Formulation[];
  readonly positions: PositionNote[];
}

/** The text of a clause node, or `null` when `agreed` mode leaves the clause out. */
function formulationsOf(clause: PMNode, reading: Reading): ClauseText | null {
  const { mode, records } = reading;
  const positions = showsAnnotations(mode) ? records.positions : null;
  const single = (body: PMNode): ClauseText | null => {
    if (mode === 'agreed' && hasBracket(body)) return null;
    const runs = inlineRuns(body, mode, records);
    return { formulations: [{ label: null, runs }], positions: bracketNotes(runs, positions) };
  };
  const first = clause.firstChild;
  if (!first) return { formulations: [{ label: null, runs: [] }], positions: [] };
  if (first.type.name === 'body') return single(first);
  const alternatives: { id: string | null; body: PMNode }[] = [];
  first.forEach((alt) => {
    alternatives.push({ id: readId(alt.attrs.id), body: alt.firstChild ?? alt });
  });
  if (alternatives.length === 1) return single((alternatives[0] as { body: PMNode }).body);
  if (mode === 'agreed') {
    // The agreed text holds the alternative the chair picked (in a version that still holds the
    // others); without a pick, several remain and the clause is not agreed.
    const picked = readId(first.attrs.id);
    const option = picked ? records.positions?.picked(picked) : null;
    const chosen = alternatives.find((alt) => option && alt.id === option);
    return chosen ? single(chosen.body) : null;
  }
  const notes: PositionNote[] = [];
  const formulations = alternatives.map(({ id, body }, i): Formulation => {
    const runs = inlineRuns(body, mode, records);
    const label = `Alt ${i + 1}`;
    const entry = id ? positions?.entry(id) : undefined;
    notes.push(...bracketNotes(runs, positions));
    const summary = stanceSummary(entry);
    if (summary) notes.push({ subject: label, summary });
    return {
      label,
      runs: runs.length > 0 ? runs : [{ text: 'no text', role: 'label' as const }],
      optionId: id,
      ...(entry?.proposedBy ? { proposer: entry.proposedBy } : {}),
    };
  });
  return { formulations, positions: notes };
}

/** What one model build reads with, and its running PP and OP counts. */
interface Reading {
  readonly mode: ExportMode;
  readonly records: InlineRecords;
  readonly counter: { pp: number; op: number };
  /** Clause id → own number and label under the chair's frozen numbering ("5 bis"), when frozen. */
  readonly frozen: ReadonlyMap<string, { readonly number: string; readonly label: string }> | null;
}

/** Builds the clause blocks of one clause node and its sub-paragraphs (pre-order). */
function clauseBlocks(node: PMNode, reading: Reading, out: ClauseBlock[], parentLabel: string, index: number): boolean {
  const { mode, counter } = reading;
  const kind = node.type.name as ClauseNodeName;
  const status = readStatus(node.attrs.status);
  if (mode === 'agreed' && status !== 'agreed' && status !== 'agreed-ad-ref') return false;
  const text = formulationsOf(node, reading);
  if (!text) return false;
  let number: string;
  if (kind === 'pp') number = String(++counter.pp);
  else if (kind === 'op') number = String(++counter.op);
  else number = kind === 'subparagraph' ? letter(index) : roman(index);
  let label = parentLabel ? `${parentLabel} (${number})` : `${kind === 'pp' ? 'PP' : 'OP'} ${number}`;
  const id = readId(node.attrs.id);
  const frozen = id ? reading.frozen?.get(id) : undefined;
  if (frozen) ({ number, label } = frozen);
  out.push({
    kind: 'clause',
    key: id ? `c:${id}` : `c@${label}`,
    id,
    clause: kind,
    level: LEVEL[kind],
    number,
    label,
    status,
    formulations: text.formulations,
    positions: text.positions,
  });
  let sub = 0;
  node.forEach((child) => {
    if (isClauseNodeName(child.type.name) && clauseBlocks(child, reading, out, label, sub + 1)) sub += 1;
  });
  return true;
}

/**
 * Reads a schema document (from `docFromJSON`/`docFromFragment`) into the export model for
 * `mode`. In `agreed` mode only agreed and agreed-ad-ref clauses without brackets or open
 * alternatives are kept (with their kept sub-paragraphs) and the text is numbered afresh.
 * Otherwise numbering is the editor's: PPs and OPs from 1 (OPs across sections), (a), (i), or
 * the chair's frozen numbers while frozen, clauses added meanwhile "5 bis".
 * Suggestions are attributed from `suggestions` (the room's open records by mark id); a mark
 * without an open record is unattributed. Brackets and alternatives are attributed, and their
 * stances noted, from `positions` (the room's position records read through `positionsView`);
 * agreed mode keeps the alternative the chair picked. The document is only read.
 */
export function buildModel(
  doc: PMNode,
  mode: ExportMode,
  suggestions: SuggestionIndex = NO_SUGGESTIONS,
  positions: PositionIndex = positionIndex(doc),
): DraftModel {
  const records: InlineRecords = { suggestions, positions };
  // Numbers frozen by the chair hold in the draft's own numbering; the agreed text is renumbered.
  const frozen =
    positions.frozen && mode !== 'agreed'
      ? new Map(
          numberClauses(doc, { frozen: positions.frozen }).flatMap((n) =>
            n.id ? [[n.id, { number: n.number, label: n.label }] as const] : [],
          ),
        )
      : null;
  const reading: Reading = { mode, records, counter: { pp: 0, op: 0 }, frozen };
  const preamble: ClauseBlock[] = [];
  const operative: Block[] = [];
  const operativeClauses = (node: PMNode): void => {
    const blocks: ClauseBlock[] = [];
    clauseBlocks(node, reading, blocks, '', 0);
    operative.push(...blocks);
  };
  doc.forEach((part) => {
    if (part.type.name === 'preamble') {
      part.forEach((pp) => {
        if (pp.type.name === 'pp') clauseBlocks(pp, reading, preamble, '', 0);
      });
    } else if (part.type.name === 'operative') {
      part.forEach((child, _offset, index) => {
        if (child.type.name === 'op') operativeClauses(child);
        else if (child.type.name === 'section') {
          const sectionKey = readId(child.attrs.id) ?? `#${index}`;
          let paragraph = 0;
          const start = operative.length;
          child.forEach((inner) => {
            const name = inner.type.name;
            if (name === 'heading')
              operative.push({ kind: 'heading', key: `h:${sectionKey}`, runs: inlineRuns(inner, mode, records) });
            else if (name === 'paragraph')
              operative.push({
                kind: 'paragraph',
                key: `p:${sectionKey}:${paragraph++}`,
                runs: inlineRuns(inner, mode, records),
              });
            else if (name === 'op') operativeClauses(inner);
          });
          // The agreed text has no headings over nothing: a section none of whose clauses is
          // agreed is left out whole.
          if (mode === 'agreed' && !operative.slice(start).some(isClause)) operative.splice(start);
        }
      });
    }
  });
  return {
    preamble: preamble.map(withOpeningWords),
    operative: operative.map((b) => (isClause(b) ? withOpeningWords(b) : b)),
  };
}

/**
 * Sets the opening phrase of each formulation of a preambular or operative paragraph in
 * italics, as UN documents do ("*Taking note* of …", "*Calls upon* all States …"); see
 * `openingPhraseLength`. Only the first run of draft text is read, and only when the
 * formulation starts with it (not with a placeholder or a bracket). Sub-paragraphs have no
 * opener.
 */
export function withOpeningWords(block: ClauseBlock): ClauseBlock {
  if (block.clause !== 'pp' && block.clause !== 'op') return block;
  const part = block.clause;
  return { ...block, formulations: block.formulations.map((f) => ({ ...f, runs: italicOpening(f.runs, part) })) };
}

function italicOpening(runs: readonly Run[], part: OpeningPart): Run[] {
  const out = [...runs];
  const index = out.findIndex((r) => r.text.trim().length > 0);
  const run = out[index];
  if (run?.role !== 'text') return out;
  const length = openingPhraseLength(run.text, part);
  if (length === 0) return out;
  const parts: Run[] = [{ ...run, text: run.text.slice(0, length), em: true }];
  if (length < run.text.length) parts.push({ ...run, text: run.text.slice(length) });
  out.splice(index, 1, ...parts);
  return out;
}

/** Whether a block kind is a clause. */
export function isClause(block: Block): block is ClauseBlock {
  return block.kind === 'clause';
}

import type { Node as PMNode } from 'prosemirror-model';
import { readLabel } from './attrs.js';
import { type ClauseInfo, clauseFormulations, listClauses } from './clauses.js';
import { OPENING_PREFIXES, OPERATIVE_VERBS, PREAMBULAR_ADJECTIVES } from './lint-words.js';

/** How much a finding matters. `info` findings ask for attention, not change. */
export type LintSeverity = 'error' | 'warning' | 'info';

/** Stable codes of lint findings (UI and exports may key messages on them). */
export type LintCode =
  | 'empty-clause'
  | 'pp-opening'
  | 'pp-ending'
  | 'op-opening'
  | 'op-ending'
  | 'chapeau-ending'
  | 'sub-ending'
  | 'placeholder-unfilled'
  | 'modal-verb';

/** One finding of {@link lintDocument}. */
export interface LintFinding {
  /** The clause the finding is about; `null` for text outside clauses (headings, paragraphs). */
  readonly clauseId: string | null;
  /** Position of the clause (or text block) in the linted document. */
  readonly pos: number;
  readonly code: LintCode;
  readonly message: string;
  readonly severity: LintSeverity;
}

/** The words of a formulation, skipping opening adverbs: `"Also strongly urges"` → `urges`. */
function openingWord(text: string): string | undefined {
  const words = text.trim().split(/\s+/, 6);
  for (const raw of words) {
    const word = raw.replace(/[^A-Za-z-]/g, '').toLowerCase();
    if (!word) return undefined;
    if (!OPENING_PREFIXES.has(word)) return word;
  }
  return undefined;
}

function opensWithPlaceholder(block: PMNode): boolean {
  for (let i = 0; i < block.childCount; i++) {
    const child = block.child(i);
    if ((child.text ?? '').trim() === '') continue;
    return child.marks.some((m) => m.type.name === 'placeholder');
  }
  return false;
}

function isPreambularOpener(word: string): boolean {
  return word.endsWith('ing') || word.endsWith('ed') || PREAMBULAR_ADJECTIVES.has(word);
}

function endsWithAny(text: string, endings: readonly string[]): boolean {
  const trimmed = text.trimEnd();
  return endings.some((end) => trimmed.endsWith(end));
}

const SUB_JOINERS = [';', ',', '; and', '; or', ', and', ', or', ' and', ' or'];

/** The punctuation expected at the end of a clause's own text. */
function expectedEnding(
  clause: ClauseInfo,
  clauses: readonly ClauseInfo[],
  index: number,
  lastOp: number,
): { endings: string[]; code: LintCode; says: string } {
  if (clause.kind === 'pp')
    return { endings: [','], code: 'pp-ending', says: 'A preambular paragraph ends with a comma.' };
  if (clause.node.childCount > 1) {
    return { endings: [':', ','], code: 'chapeau-ending', says: 'Text introducing sub-paragraphs ends with a colon.' };
  }
  const top = topOf(clauses, index);
  const last = top === lastOp;
  const terminalPunct = last ? '.' : ';';
  if (clause.kind === 'op') {
    return {
      endings: [terminalPunct],
      code: 'op-ending',
      says: last
        ? 'The last operative paragraph ends with a full stop.'
        : 'An operative paragraph ends with a semicolon.',
    };
  }
  // A sub-paragraph: the last one of its operative paragraph carries that paragraph's ending.
  const terminal = lastLeafOf(clauses, top) === index;
  return terminal
    ? {
        endings: [terminalPunct],
        code: 'sub-ending',
        says: last
          ? 'The last sub-paragraph of the last operative paragraph ends with a full stop.'
          : 'The last sub-paragraph ends with a semicolon.',
      }
    : {
        endings: SUB_JOINERS,
        code: 'sub-ending',
        says: 'A sub-paragraph ends with a semicolon, a comma, "and" or "or".',
      };
}

function topOf(clauses: readonly ClauseInfo[], index: number): number {
  let i = index;
  while ((clauses[i]?.parent ?? -1) !== -1) i = clauses[i]?.parent ?? -1;
  return i;
}

function lastLeafOf(clauses: readonly ClauseInfo[], top: number): number {
  let last = top;
  for (let i = top + 1; i < clauses.length && topOf(clauses, i) === top; i++) last = i;
  return last;
}

/** Placeholder runs (one per contiguous labelled span) and modal verbs in a text block. */
function inlineFindings(block: PMNode, clauseId: string | null, pos: number, out: LintFinding[]): void {
  let previous: string | null = null;
  let plain = '';
  block.forEach((child) => {
    const mark = child.marks.find((m) => m.type.name === 'placeholder');
    if (mark) {
      const label = readLabel(mark.attrs.label) || (child.text ?? '').trim();
      if (previous !== label) {
        out.push({
          clauseId,
          pos,
          code: 'placeholder-unfilled',
          message: `Placeholder ⟨${label}⟩ is not filled in.`,
          severity: 'warning',
        });
      }
      previous = label;
      plain += ' ';
    } else {
      previous = null;
      plain += child.text ?? '';
    }
  });
  const modals = new Set<string>();
  for (const match of plain.matchAll(/\b(shall|should|may)\b/gi)) modals.add((match[1] ?? '').toLowerCase());
  for (const modal of modals) {
    out.push({
      clauseId,
      pos,
      code: 'modal-verb',
      message: `"${modal}" sets the strength of a commitment: check it is the one intended.`,
      severity: 'info',
    });
  }
}

/**
 * Checks UN drafting conventions, a pure function of the document. PPs open with a participle
 * or adjective and end with a comma; OPs open with an operative verb (after "Also", "Further",
 * "Strongly" …) and end with a semicolon, the last OP with a full stop; text introducing
 * sub-paragraphs ends with a colon; sub-paragraphs end with a semicolon, comma, "and" or "or",
 * the last one with its OP's ending. Each alternative is checked on its own; an empty
 * alternative ("no text") is not. Unfilled placeholders are warnings; shall/should/may are
 * `info`. Findings come in document order.
 */
export function lintDocument(doc: PMNode): LintFinding[] {
  const out: LintFinding[] = [];
  const clauses = listClauses(doc);
  let lastOp = -1;
  clauses.forEach((c, i) => {
    if (c.kind === 'op') lastOp = i;
  });
  const clausePositions = new Set(clauses.map((c) => c.pos));
  doc.descendants((node, pos) => {
    if (node.type.name === 'heading' || node.type.name === 'paragraph') inlineFindings(node, null, pos, out);
    return !clausePositions.has(pos) && node.type.name !== 'body';
  });
  clauses.forEach((clause, index) => {
    const { id, pos } = clause;
    const add = (code: LintCode, message: string, severity: LintSeverity = 'warning') =>
      out.push({ clauseId: id, pos, code, message, severity });
    const formulations = clauseFormulations(clause.node);
    const filled = formulations.filter((f) => f.textContent.trim().length > 0);
    if (filled.length === 0) {
      add('empty-clause', 'The clause has no text.');
      return;
    }
    const ending = expectedEnding(clause, clauses, index, lastOp);
    for (const formulation of filled) {
      const text = formulation.textContent;
      // A formulation opening with a placeholder has no opening words yet to check.
      const open = !opensWithPlaceholder(formulation);
      const word = openingWord(text);
      if (open && clause.kind === 'pp' && !(word && isPreambularOpener(word))) {
        add('pp-opening', 'A preambular paragraph opens with a participle or adjective ("Recognizing", "Mindful").');
      }
      if (open && clause.kind === 'op' && !(word && OPERATIVE_VERBS.has(word))) {
        add('op-opening', 'An operative paragraph opens with an operative verb ("Calls upon", "Encourages").');
      }
      if (!endsWithAny(text, ending.endings)) add(ending.code, ending.says);
    }
    for (const formulation of formulations) inlineFindings(formulation, id, pos, out);
  });
  return out.sort((a, b) => a.pos - b.pos);
}

/** Groups findings by clause id; findings outside clauses are under the key `null`. */
export function findingsByClause(findings: readonly LintFinding[]): Map<string | null, LintFinding[]> {
  const map = new Map<string | null, LintFinding[]>();
  for (const finding of findings) {
    const list = map.get(finding.clauseId) ?? [];
    list.push(finding);
    map.set(finding.clauseId, list);
  }
  return map;
}

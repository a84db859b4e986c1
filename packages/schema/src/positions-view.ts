import type { Mark, Node as PMNode } from 'prosemirror-model';
import { readId } from './ids.js';
import { numberClauses } from './numbering.js';
import { isClauseNodeName } from './schema.js';
import { readStatus } from './status.js';

/** A delegation's stance on a bracket or alternative, as the server records it. */
export interface StanceInput {
  readonly target: string;
  readonly delegation: string;
  readonly stance: 'support' | 'object';
  readonly at: number;
}

/** The server's position records a view is built from (a structural subset of the protocol's). */
export interface PositionInputs {
  readonly proposals: readonly { readonly id: string; readonly proposedBy: string }[];
  readonly stances: readonly StanceInput[];
  readonly statuses: readonly {
    readonly clauseId: string;
    readonly statusBy: string;
    readonly statusAt: number;
  }[];
  readonly frozen: Readonly<Record<string, string>> | null;
}

/** One stance as the view lists it. */
export interface StanceView {
  readonly delegation: string;
  readonly stance: 'support' | 'object';
  readonly at: number;
}

/** An open bracket in the draft: where, what it brackets, who proposed it and who stands where. */
export interface BracketView {
  readonly id: string;
  readonly clauseId: string;
  readonly text: string;
  /** Null when no record attributes it. */
  readonly proposedBy: string | null;
  readonly stances: readonly StanceView[];
}

/** One formulation of a clause holding alternatives. */
export interface OptionView {
  readonly id: string;
  /** "Alt 1", "Alt 2" … in document order. */
  readonly label: string;
  readonly text: string;
  /** Null for the clause's original text and for alternatives no record attributes. */
  readonly proposedBy: string | null;
  readonly stances: readonly StanceView[];
}

/** The alternatives of one clause. */
export interface AlternativesView {
  readonly id: string;
  readonly clauseId: string;
  readonly options: readonly OptionView[];
}

/** A clause's label and status, with who set the status and when. */
export interface ClauseView {
  readonly clauseId: string;
  readonly label: string;
  readonly status: string;
  readonly statusBy: string | null;
  readonly statusAt: number | null;
}

/** Where the negotiation stands in a draft: `GET /api/rooms/<room>/positions`. */
export interface PositionsView {
  readonly brackets: readonly BracketView[];
  readonly alternatives: readonly AlternativesView[];
  readonly clauses: readonly ClauseView[];
}

function bracketIds(marks: readonly Mark[]): string[] {
  return marks.filter((m) => m.type.name === 'bracket').flatMap((m) => readId(m.attrs.id) ?? []);
}

/** A stretch of bracketed text, before the stretches of one bracket are joined. */
interface BracketPiece {
  readonly id: string;
  readonly clauseId: string;
  readonly text: string;
}

/** Alternatives as the document holds them, before the records are joined in. */
interface AlternativesScan {
  readonly id: string;
  readonly clauseId: string;
  readonly options: readonly { readonly id: string; readonly label: string; readonly text: string }[];
}

/** What one subtree of the draft holds for the view, in document order; records not joined. */
interface Scan {
  readonly pieces: readonly BracketPiece[];
  readonly alternatives: readonly AlternativesScan[];
}

/**
 * Each clause node's scan. Nodes are immutable and an edit shares every unchanged node with the
 * document before it, so after typing only the clause typed in (and the nodes above it) is read
 * again (DESIGN §6: a keystroke stays cheap in a long draft).
 */
const clauseScans = new WeakMap<PMNode, Scan>();

function scanInto(node: PMNode, clauseId: string, pieces: BracketPiece[], alternatives: AlternativesScan[]): void {
  if (node.isText) {
    for (const id of bracketIds(node.marks)) pieces.push({ id, clauseId, text: node.text ?? '' });
    return;
  }
  if (isClauseNodeName(node.type.name)) {
    const scan = scanClause(node);
    for (const piece of scan.pieces) pieces.push(piece);
    for (const group of scan.alternatives) alternatives.push(group);
    return;
  }
  if (node.type.name === 'alternatives') {
    const id = readId(node.attrs.id);
    // One alternative left is a clause collapsed to the chair's pick: nothing to choose.
    if (id && node.childCount > 1) {
      const options: { id: string; label: string; text: string }[] = [];
      node.forEach((alternative, _offset, index) => {
        options.push({
          id: readId(alternative.attrs.id) ?? '',
          label: `Alt ${index + 1}`,
          text: alternative.textContent,
        });
      });
      alternatives.push({ id, clauseId, options });
    }
  }
  node.forEach((child) => {
    scanInto(child, clauseId, pieces, alternatives);
  });
}

function scanClause(clause: PMNode): Scan {
  const known = clauseScans.get(clause);
  if (known) return known;
  const pieces: BracketPiece[] = [];
  const alternatives: AlternativesScan[] = [];
  const clauseId = readId(clause.attrs.id) ?? '';
  clause.forEach((child) => {
    scanInto(child, clauseId, pieces, alternatives);
  });
  const scan = { pieces, alternatives };
  clauseScans.set(clause, scan);
  return scan;
}

/**
 * The view of a draft's positions: its open brackets (marks still in the text, nested ones
 * each listed), its alternatives and its clauses with their labels (under the frozen numbering
 * when frozen) and statuses, joined with the records for who proposed, who stands where and
 * who set each status. Derived every time, never typed into the document; what each clause
 * holds is read once per clause node and reused while the clause is unchanged.
 */
export function positionsView(doc: PMNode, records: PositionInputs): PositionsView {
  const proposers = new Map(records.proposals.map((p) => [p.id, p.proposedBy]));
  const stancesOf = (target: string): StanceView[] =>
    records.stances
      .filter((s) => s.target === target)
      .map(({ delegation, stance, at }) => ({ delegation, stance, at }));
  const latest = new Map(records.statuses.map((s) => [s.clauseId, s]));
  const pieces: BracketPiece[] = [];
  const scanned: AlternativesScan[] = [];
  doc.forEach((child) => {
    scanInto(child, '', pieces, scanned);
  });
  const brackets = new Map<string, { clauseId: string; text: string }>();
  for (const piece of pieces) {
    const known = brackets.get(piece.id);
    if (known) brackets.set(piece.id, { ...known, text: known.text + piece.text });
    else brackets.set(piece.id, { clauseId: piece.clauseId, text: piece.text });
  }
  const alternatives: AlternativesView[] = scanned.map((group) => ({
    id: group.id,
    clauseId: group.clauseId,
    options: group.options.map(
      (option): OptionView => ({
        ...option,
        proposedBy: proposers.get(option.id) ?? null,
        stances: stancesOf(option.id),
      }),
    ),
  }));
  const frozen = records.frozen ?? undefined;
  const clauses = numberClauses(doc, frozen ? { frozen } : {}).map((entry): ClauseView => {
    const node = doc.nodeAt(entry.pos);
    const clauseId = entry.id ?? '';
    const set = latest.get(clauseId);
    return {
      clauseId,
      label: entry.label,
      status: readStatus(node?.attrs.status),
      statusBy: set?.statusBy ?? null,
      statusAt: set?.statusAt ?? null,
    };
  });
  return {
    brackets: [...brackets].map(([id, b]) => ({
      id,
      clauseId: b.clauseId,
      text: b.text,
      proposedBy: proposers.get(id) ?? null,
      stances: stancesOf(id),
    })),
    alternatives,
    clauses,
  };
}

/**
 * `next`, or `previous` when both hold the same (a plain-data comparison): derived again after a
 * keystroke that changed nothing they show, the view keeps its identity and nothing redraws.
 */
export function reusePositionsView(previous: PositionsView | null, next: PositionsView): PositionsView {
  return previous !== null && JSON.stringify(previous) === JSON.stringify(next) ? previous : next;
}

/**
 * "Proposed by Brazil; supported by Kenya, Chile; opposed by France", from the records (the
 * parts without anyone left out; "" when nothing is known).
 */
export function positionSummary(proposedBy: string | null, stances: readonly StanceView[]): string {
  const supporters = stances.filter((s) => s.stance === 'support').map((s) => s.delegation);
  const opponents = stances.filter((s) => s.stance === 'object').map((s) => s.delegation);
  const parts = [
    proposedBy ? `Proposed by ${proposedBy}` : '',
    supporters.length > 0 ? `supported by ${supporters.join(', ')}` : '',
    opponents.length > 0 ? `opposed by ${opponents.join(', ')}` : '',
  ].filter((part) => part !== '');
  if (parts.length === 0) return '';
  const [first, ...rest] = parts as [string, ...string[]];
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join('; ');
}

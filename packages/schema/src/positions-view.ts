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

/** The id of the innermost clause around `pos`, or "". */
function clauseIdAt(doc: PMNode, pos: number): string {
  const $pos = doc.resolve(pos);
  for (let depth = $pos.depth; depth > 0; depth--) {
    const node = $pos.node(depth);
    if (isClauseNodeName(node.type.name)) return readId(node.attrs.id) ?? '';
  }
  return '';
}

/**
 * The view of a draft's positions: its open brackets (marks still in the text, nested ones
 * each listed), its alternatives and its clauses with their labels (under the frozen numbering
 * when frozen) and statuses, joined with the records for who proposed, who stands where and
 * who set each status. Derived every time, never typed into the document.
 */
export function positionsView(doc: PMNode, records: PositionInputs): PositionsView {
  const proposers = new Map(records.proposals.map((p) => [p.id, p.proposedBy]));
  const stancesOf = (target: string): StanceView[] =>
    records.stances
      .filter((s) => s.target === target)
      .map(({ delegation, stance, at }) => ({ delegation, stance, at }));
  const latest = new Map(records.statuses.map((s) => [s.clauseId, s]));
  const brackets = new Map<string, { clauseId: string; text: string }>();
  const alternatives: AlternativesView[] = [];
  doc.descendants((node, pos) => {
    if (node.type.name !== 'alternatives' && !node.isText) return true;
    const clauseId = clauseIdAt(doc, pos);
    if (node.type.name === 'alternatives') {
      const id = readId(node.attrs.id);
      // One alternative left is a clause collapsed to the chair's pick: nothing to choose.
      if (id && node.childCount > 1) {
        const options: OptionView[] = [];
        node.forEach((alternative, _offset, index) => {
          const optionId = readId(alternative.attrs.id) ?? '';
          options.push({
            id: optionId,
            label: `Alt ${index + 1}`,
            text: alternative.textContent,
            proposedBy: proposers.get(optionId) ?? null,
            stances: stancesOf(optionId),
          });
        });
        alternatives.push({ id, clauseId, options });
      }
    }
    if (node.isText) {
      for (const id of bracketIds(node.marks)) {
        const known = brackets.get(id);
        if (known) brackets.set(id, { ...known, text: known.text + (node.text ?? '') });
        else brackets.set(id, { clauseId, text: node.text ?? '' });
      }
    }
    return true;
  });
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

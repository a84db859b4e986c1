import { CLAUSE_STATUSES, type ClauseStatus, isClauseNodeName, type PositionsView, readId } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';

/** What is still open in one part of the draft (the preamble, the operative part, a section). */
export interface PartCounts {
  readonly name: string;
  /** Clauses neither agreed nor agreed ad ref. */
  readonly openClauses: number;
  readonly openBrackets: number;
}

/** Where a negotiation stands: "what is still open". */
export interface OpenCounts {
  readonly byStatus: Readonly<Record<ClauseStatus, number>>;
  readonly openBrackets: number;
  /** Clauses holding alternatives still to be picked. */
  readonly alternatives: number;
  /** Per part of the draft, in document order. */
  readonly parts: readonly PartCounts[];
  /** Open brackets per proposing delegation, most first. */
  readonly delegations: readonly { readonly delegation: string; readonly openBrackets: number }[];
}

/** Clause id → the name of the part it is in: "Preamble", "Operative part" or a section's heading. */
function partsOf(doc: PMNode): { names: string[]; byClause: Map<string, string> } {
  const names: string[] = [];
  const byClause = new Map<string, string>();
  const collect = (node: PMNode, name: string) => {
    if (!names.includes(name)) names.push(name);
    const visit = (child: PMNode) => {
      if (child.isTextblock) return false;
      const id = isClauseNodeName(child.type.name) ? readId(child.attrs.id) : null;
      if (id) byClause.set(id, name);
      return true;
    };
    visit(node);
    node.descendants(visit);
  };
  const preamble = doc.child(0);
  if (preamble.childCount > 0) collect(preamble, 'Preamble');
  doc.child(1).forEach((child) => {
    const isSection = child.type.name === 'section';
    collect(child, isSection ? child.firstChild?.textContent.trim() || 'Untitled section' : 'Operative part');
  });
  return { names, byClause };
}

/**
 * Counts what is still open in a draft from its positions view: clauses by status, open
 * brackets (in all, per part of the draft and per proposing delegation) and clauses with
 * alternatives to pick, for the summary bar and the Positions panel.
 */
export function openCounts(doc: PMNode, view: PositionsView): OpenCounts {
  const byStatus = Object.fromEntries(CLAUSE_STATUSES.map((s) => [s, 0])) as Record<ClauseStatus, number>;
  const { names, byClause } = partsOf(doc);
  const parts = new Map(names.map((name) => [name, { name, openClauses: 0, openBrackets: 0 }]));
  for (const clause of view.clauses) {
    const status = clause.status as ClauseStatus;
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    const part = parts.get(byClause.get(clause.clauseId) ?? '');
    if (part && status !== 'agreed' && status !== 'agreed-ad-ref') part.openClauses++;
  }
  const delegations = new Map<string, number>();
  for (const bracket of view.brackets) {
    const part = parts.get(byClause.get(bracket.clauseId) ?? '');
    if (part) part.openBrackets++;
    const who = bracket.proposedBy ?? 'Unattributed';
    delegations.set(who, (delegations.get(who) ?? 0) + 1);
  }
  return {
    byStatus,
    openBrackets: view.brackets.length,
    alternatives: view.alternatives.length,
    parts: [...parts.values()],
    delegations: [...delegations]
      .map(([delegation, openBrackets]) => ({ delegation, openBrackets }))
      .sort((a, b) => b.openBrackets - a.openBrackets || a.delegation.localeCompare(b.delegation)),
  };
}

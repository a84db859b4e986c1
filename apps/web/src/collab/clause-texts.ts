import { clauseFormulations, docFromFragment, listClauses, numberClauses } from '@plenary/schema';
import type * as Y from 'yjs';

/** One clause of a draft as plain text: its own formulations, without its sub-paragraphs. */
export interface ClauseText {
  /** The clause's stable id, or `null` when it has none (text is then matched by label). */
  readonly id: string | null;
  /** "OP 3 (a)" as numbered in that draft. */
  readonly label: string;
  readonly text: string;
}

/**
 * Reads every clause of a `draft` fragment as plain text, schema-free (a copy is read; the
 * live document is never changed). Alternatives are joined with " / ".
 */
export function readClauseTexts(fragment: Y.XmlFragment): ClauseText[] {
  const doc = docFromFragment(fragment);
  const labels = new Map(numberClauses(doc).map((n) => [n.pos, n.label]));
  return listClauses(doc).map((clause) => ({
    id: clause.id,
    label: labels.get(clause.pos) ?? '',
    text: clauseFormulations(clause.node)
      .map((f) => f.textContent)
      .join(' / '),
  }));
}

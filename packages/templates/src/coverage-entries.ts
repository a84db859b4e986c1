import { CRITERIA_LABELS, CRITERIA_TAGS, type CriterionTag, listClauses, numberClauses } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';

/** A clause behind a criterion in the coverage panel. */
export interface CoverageClause {
  /** The clause id, or `null` when missing (the clause still counts). */
  readonly id: string | null;
  readonly pos: number;
  /** "PP 1", "OP 3 (a)". */
  readonly label: string;
}

/** One of the eight criteria with the clauses that address it. */
export interface CoverageEntry {
  readonly tag: CriterionTag;
  /** The criterion's description ("Does not create debris"). */
  readonly title: string;
  readonly covered: boolean;
  /** The clauses tagged with it, in document order. */
  readonly clauses: readonly CoverageClause[];
}

/**
 * The coverage panel's rows: all eight criteria in canonical order, each with the labelled
 * clauses that carry its tag (PPs, OPs and sub-paragraphs, whatever their status). Like
 * `criteriaCoverage`, but with positions and labels to show and jump to.
 */
export function coverageEntries(doc: PMNode): CoverageEntry[] {
  const labels = new Map(numberClauses(doc).map((n) => [n.pos, n.label]));
  const byTag = new Map<CriterionTag, CoverageClause[]>(CRITERIA_TAGS.map((tag) => [tag, []]));
  for (const clause of listClauses(doc)) {
    for (const tag of clause.tags) {
      byTag.get(tag)?.push({ id: clause.id, pos: clause.pos, label: labels.get(clause.pos) ?? '' });
    }
  }
  return CRITERIA_TAGS.map((tag) => {
    const clauses = byTag.get(tag) ?? [];
    return { tag, title: CRITERIA_LABELS[tag], covered: clauses.length > 0, clauses };
  });
}

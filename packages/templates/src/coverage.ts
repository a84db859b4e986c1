import { CRITERIA_TAGS, type CriterionTag, listClauses } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';

/** Which criteria a draft's clauses address. */
export interface CriteriaCoverage {
  /** For every one of the eight tags, the ids of the clauses tagged with it, in document order. */
  readonly byTag: Readonly<Record<CriterionTag, readonly string[]>>;
  /** Tags addressed by at least one clause, in canonical order. */
  readonly covered: readonly CriterionTag[];
  /** Tags no clause addresses, in canonical order. */
  readonly missing: readonly CriterionTag[];
}

/**
 * Criteria coverage of a document, from the `tags` of its clauses (PPs, OPs and
 * sub-paragraphs). A clause counts for a tag whatever its status; a clause without a valid id
 * counts but is not listed. Unknown tags are ignored (they are dropped when read).
 */
export function criteriaCoverage(doc: PMNode): CriteriaCoverage {
  const byTag = Object.fromEntries(CRITERIA_TAGS.map((tag) => [tag, [] as string[]])) as Record<CriterionTag, string[]>;
  const seen = new Set<CriterionTag>();
  for (const clause of listClauses(doc)) {
    for (const tag of clause.tags) {
      seen.add(tag);
      if (clause.id !== null && !byTag[tag].includes(clause.id)) byTag[tag].push(clause.id);
    }
  }
  return {
    byTag,
    covered: CRITERIA_TAGS.filter((tag) => seen.has(tag)),
    missing: CRITERIA_TAGS.filter((tag) => !seen.has(tag)),
  };
}

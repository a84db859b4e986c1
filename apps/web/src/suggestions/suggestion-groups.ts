import type { SuggestionRecord } from '@plenary/protocol';
import type { ClauseNumber } from '@plenary/schema';

/** Open suggestions gathered under one heading: a clause, or a delegation. */
export interface SuggestionGroup {
  /** The clause id or the delegation name. */
  readonly key: string;
  /** "OP 3", "PP 1", "France". */
  readonly heading: string;
  readonly records: readonly SuggestionRecord[];
}

/** Where a clause stands in the draft, for ordering groups: its position in the numbering. */
function clauseOrder(labels: ReadonlyMap<string, ClauseNumber>): Map<string, number> {
  return new Map([...labels.keys()].map((id, index) => [id, index]));
}

/** The open records, oldest first. */
export function openSuggestions(records: ReadonlyMap<string, SuggestionRecord>): SuggestionRecord[] {
  return [...records.values()]
    .filter((record) => record.status === 'open')
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/**
 * Open suggestions by clause, in the draft's order (a clause no longer in the draft last, as
 * "Removed clause"), each group oldest first.
 */
export function groupByClause(
  open: readonly SuggestionRecord[],
  labels: ReadonlyMap<string, ClauseNumber>,
): SuggestionGroup[] {
  const order = clauseOrder(labels);
  const groups = new Map<string, SuggestionRecord[]>();
  for (const record of open) groups.set(record.clauseId, [...(groups.get(record.clauseId) ?? []), record]);
  return [...groups]
    .sort(
      ([a], [b]) =>
        (order.get(a) ?? Number.POSITIVE_INFINITY) - (order.get(b) ?? Number.POSITIVE_INFINITY) || (a < b ? -1 : 1),
    )
    .map(([key, records]) => ({ key, heading: labels.get(key)?.label ?? 'Removed clause', records }));
}

/** Open suggestions by delegation, alphabetically. */
export function groupByDelegation(open: readonly SuggestionRecord[]): SuggestionGroup[] {
  const groups = new Map<string, SuggestionRecord[]>();
  for (const record of open) groups.set(record.delegation, [...(groups.get(record.delegation) ?? []), record]);
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b, 'en'))
    .map(([key, records]) => ({ key, heading: key, records }));
}

/** How many open suggestions each delegation has, most first. */
export function countsByDelegation(open: readonly SuggestionRecord[]): { delegation: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const record of open) counts.set(record.delegation, (counts.get(record.delegation) ?? 0) + 1);
  return [...counts]
    .map(([delegation, count]) => ({ delegation, count }))
    .sort((a, b) => b.count - a.count || a.delegation.localeCompare(b.delegation, 'en'));
}

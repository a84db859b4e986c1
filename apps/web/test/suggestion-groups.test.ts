import type { SuggestionRecord } from '@plenary/protocol';
import type { ClauseNumber } from '@plenary/schema';
import { describe, expect, it } from 'vitest';
import {
  countsByDelegation,
  groupByClause,
  groupByDelegation,
  openSuggestions,
} from '../src/suggestions/suggestion-groups.js';

function record(
  id: string,
  delegation: string,
  clauseId: string,
  createdAt: number,
  status = 'open',
): SuggestionRecord {
  return {
    id,
    kind: 'insertion',
    delegation,
    person: null,
    clauseId,
    text: id,
    createdAt,
    status: status as SuggestionRecord['status'],
  };
}

function labels(...ids: string[]): Map<string, ClauseNumber> {
  return new Map(
    ids.map((id, index) => [
      id,
      { id, kind: 'op', pos: index, number: String(index + 1), label: `OP ${index + 1}`, spoken: '' } as ClauseNumber,
    ]),
  );
}

describe('the Suggestions panel lists', () => {
  const records = new Map(
    [
      record('a', 'France', 'c2', 3),
      record('b', 'Brazil', 'c1', 2),
      record('c', 'France', 'c1', 1),
      record('d', 'Kenya', 'gone', 4),
      record('e', 'France', 'c1', 5, 'accepted'),
    ].map((r) => [r.id, r]),
  );

  it('only open suggestions, oldest first', () => {
    expect(openSuggestions(records).map((r) => r.id)).toEqual(['c', 'b', 'a', 'd']);
  });

  it('groups by clause in the draft’s order, a removed clause last', () => {
    const groups = groupByClause(openSuggestions(records), labels('c1', 'c2'));
    expect(groups.map((g) => [g.heading, g.records.map((r) => r.id)])).toEqual([
      ['OP 1', ['c', 'b']],
      ['OP 2', ['a']],
      ['Removed clause', ['d']],
    ]);
  });

  it('groups by delegation alphabetically and counts per delegation, most first', () => {
    const open = openSuggestions(records);
    expect(groupByDelegation(open).map((g) => g.heading)).toEqual(['Brazil', 'France', 'Kenya']);
    expect(countsByDelegation(open)).toEqual([
      { delegation: 'France', count: 2 },
      { delegation: 'Brazil', count: 1 },
      { delegation: 'Kenya', count: 1 },
    ]);
  });
});

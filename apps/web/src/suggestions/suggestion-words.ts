import type { SuggestionRecord } from '@plenary/protocol';

const TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** "5 Dec, 14:02": when a suggestion was made or decided, as delegates read it. */
export function suggestionTime(ms: number): string {
  return TIME.format(new Date(ms));
}

/**
 * Who made a suggestion, as the room shows it: the delegation the server attributed it to, or
 * "Unattributed". The record's person is an opaque id (docs/THREAT_MODEL.md), never shown;
 * exports name the person from the room's invites.
 */
export function suggestionAuthor(record: SuggestionRecord | undefined): string {
  return record ? record.delegation : 'Unattributed';
}

/** The hover text of a suggestion: "Insertion proposed by France, 5 Dec, 14:02". */
export function suggestionTitle(record: SuggestionRecord | undefined, kind: 'insertion' | 'deletion'): string {
  const what = kind === 'insertion' ? 'Insertion' : 'Deletion';
  if (!record) return `${what} not yet recorded by the server`;
  return `${what} proposed by ${suggestionAuthor(record)}, ${suggestionTime(record.createdAt)}`;
}

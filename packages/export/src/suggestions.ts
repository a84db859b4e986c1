import { isoSecond } from './context.js';
import { cleanText } from './xml-text.js';

/**
 * A suggestion record as exports read it: the server's record of the `insertion` or `deletion`
 * mark with this id. The delegation comes from the server's binding of the writing client to its
 * author, never from the document; `person` is the person's name as exports show it.
 */
export interface ExportSuggestion {
  /** The mark id. */
  readonly id: string;
  readonly kind: 'insertion' | 'deletion';
  readonly delegation: string;
  /** The person's display name, or `null` when unknown or the same as the delegation. */
  readonly person: string | null;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly status: 'open' | 'accepted' | 'rejected' | 'withdrawn';
}

/** Who made a suggestion an export shows. */
export interface SuggestionAuthor {
  readonly delegation: string;
  readonly person: string | null;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
}

/** The suggestion a run of text is under, with its author when the room's records name one. */
export interface RunSuggestion {
  readonly kind: 'insertion' | 'deletion';
  /** The mark id, or `null` for a mark without one. */
  readonly id: string | null;
  /** The open record's author; `null` for a mark the records do not attribute. */
  readonly by: SuggestionAuthor | null;
}

/** Open suggestion records by mark id, cleaned for every format. */
export type SuggestionIndex = ReadonlyMap<string, SuggestionAuthor & { readonly kind: ExportSuggestion['kind'] }>;

/** What an export writes for a suggestion no open record attributes. */
export const UNATTRIBUTED = 'unattributed';

/**
 * Indexes the room's records by mark id for {@link resolveSuggestion}. Only `open` records are
 * kept: a decided or withdrawn suggestion's mark is normally gone from the document, and one left
 * behind is shown unattributed rather than as the delegation's live proposal. Strings are
 * cleaned (`cleanText`) like all text.
 */
export function suggestionIndex(records: readonly ExportSuggestion[] | undefined): SuggestionIndex {
  const index = new Map<string, SuggestionAuthor & { kind: ExportSuggestion['kind'] }>();
  for (const record of records ?? []) {
    if (record.status !== 'open') continue;
    const delegation = cleanText(record.delegation).trim();
    if (delegation.length === 0) continue;
    const person = record.person === null ? null : cleanText(record.person).trim();
    index.set(record.id, {
      kind: record.kind,
      delegation,
      person: person && person !== delegation ? person : null,
      createdAt: record.createdAt,
    });
  }
  return index;
}

/**
 * The suggestion of a mark: attributed when an open record of the same id and kind exists,
 * otherwise unattributed (`by: null`). Nothing is read from the document but the mark's id.
 */
export function resolveSuggestion(
  kind: RunSuggestion['kind'],
  id: string | null,
  index: SuggestionIndex,
): RunSuggestion {
  const record = id === null ? undefined : index.get(id);
  if (!record || record.kind !== kind) return { kind, id, by: null };
  return { kind, id, by: { delegation: record.delegation, person: record.person, createdAt: record.createdAt } };
}

/** Whether two runs are under the same suggestion (or both under none). */
export function sameSuggestion(a: RunSuggestion | undefined, b: RunSuggestion | undefined): boolean {
  if (!a || !b) return a === b;
  return a.kind === b.kind && a.id === b.id;
}

/** The tag written beside a suggestion in the inline views: its delegation, or "unattributed". */
export function suggestionTag(suggestion: RunSuggestion): string {
  return suggestion.by?.delegation ?? UNATTRIBUTED;
}

/**
 * Who a suggestion is by, in full: "France (Jean Dupont)" when the person is known, "France"
 * otherwise, "unattributed" without a record. The author of its Word tracked change.
 */
export function suggestionAuthor(suggestion: RunSuggestion): string {
  const by = suggestion.by;
  if (!by) return UNATTRIBUTED;
  return by.person ? `${by.delegation} (${by.person})` : by.delegation;
}

/** When a suggestion was made, as a W3C timestamp; `fallback` (the export date) without a record. */
export function suggestionTime(suggestion: RunSuggestion, fallback: Date): string {
  const at = suggestion.by ? new Date(suggestion.by.createdAt) : fallback;
  return isoSecond(Number.isNaN(at.getTime()) ? fallback : at);
}

/**
 * One line on a suggestion for hover titles and notes: "France (Jean Dupont),
 * 2026-03-15T09:30:00Z", or "unattributed".
 */
export function suggestionSummary(suggestion: RunSuggestion): string {
  const by = suggestion.by;
  if (!by) return UNATTRIBUTED;
  const at = new Date(by.createdAt);
  return Number.isNaN(at.getTime())
    ? suggestionAuthor(suggestion)
    : `${suggestionAuthor(suggestion)}, ${isoSecond(at)}`;
}

/**
 * Whether the run at `index` ends its suggestion: the next run is not under the same one. A
 * suggestion spanning several runs (an italic word inside it) gets one tag, after its last run.
 */
export function endsSuggestion(runs: readonly { readonly suggestion?: RunSuggestion }[], index: number): boolean {
  const run = runs[index];
  if (!run?.suggestion) return false;
  return !sameSuggestion(run.suggestion, runs[index + 1]?.suggestion);
}

/** A run as a writer puts it down, with the tag of the suggestion it ends, if any. */
export interface TaggedRun<R> {
  readonly run: R;
  /** The suggestion whose tag (its delegation) follows this run, or `null`. */
  readonly tag: RunSuggestion | null;
}

/**
 * The runs with the place of each suggestion's tag: after the suggestion's last run, but before
 * that run's trailing spaces, which are split off into a run of their own without the
 * suggestion (so not struck or underlined; any change of the changes view stays). The tag then sits against the suggestion's last word ("long-lived^Kenya^
 * debris") rather than against the next word ("long-lived ^Kenya^debris").
 */
export function withSuggestionTags<R extends { readonly text: string; readonly suggestion?: RunSuggestion }>(
  runs: readonly R[],
): TaggedRun<R>[] {
  const out: TaggedRun<R>[] = [];
  runs.forEach((run, i) => {
    if (!run.suggestion || !endsSuggestion(runs, i)) {
      out.push({ run, tag: null });
      return;
    }
    const trail = /\s+$/.exec(run.text)?.[0] ?? '';
    if (trail.length === 0 || trail.length === run.text.length) {
      out.push({ run, tag: run.suggestion });
      return;
    }
    const { suggestion, ...rest } = run;
    out.push({ run: { ...run, text: run.text.slice(0, run.text.length - trail.length) }, tag: suggestion });
    // The spaces lose the suggestion's look: struck or underlined after the tag, a lone space
    // reads as a hyphen or an underscore before the next word.
    out.push({ run: { ...rest, text: trail } as R, tag: null });
  });
  return out;
}

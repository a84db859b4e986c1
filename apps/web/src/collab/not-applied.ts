import type { ClauseText } from './clause-texts.js';

/** Text of one clause that this browser held but the room's stored draft does not. */
export interface NotAppliedText {
  /** The clause's label in the discarded draft ("OP 3"). */
  readonly label: string;
  readonly id: string | null;
  /** The part of the clause missing from the stored draft (the whole clause when it is gone). */
  readonly missing: string;
  /** The clause as this browser had it, for context. */
  readonly local: string;
  /** The clause as stored, or `null` when the stored draft has no such clause. */
  readonly stored: string | null;
}

/**
 * Compares the discarded local draft with the resynced one, clause by clause (matched on the
 * stable id, or on the label for clauses without one), and returns what was not applied: for a
 * clause whose text differs, the span between the common start and the common end of the two
 * texts; for a clause the stored draft lacks, its whole text. Clauses only the stored draft has
 * are others' work, not lost text, and are left out.
 */
export function notAppliedText(discarded: readonly ClauseText[], stored: readonly ClauseText[]): NotAppliedText[] {
  const byId = new Map(stored.filter((c) => c.id !== null).map((c) => [c.id, c]));
  const byLabel = new Map(stored.map((c) => [c.label, c]));
  const out: NotAppliedText[] = [];
  for (const local of discarded) {
    const match = local.id !== null ? byId.get(local.id) : byLabel.get(local.label);
    if (!match) {
      if (local.text.trim() !== '') {
        out.push({ label: local.label, id: local.id, missing: local.text, local: local.text, stored: null });
      }
      continue;
    }
    if (match.text === local.text) continue;
    const missing = differingSpan(local.text, match.text);
    if (missing.trim() === '') continue;
    out.push({ label: local.label, id: local.id, missing, local: local.text, stored: match.text });
  }
  return out;
}

/** The part of `local` between its common prefix and common suffix with `stored`. */
function differingSpan(local: string, stored: string): string {
  let start = 0;
  const limit = Math.min(local.length, stored.length);
  while (start < limit && local[start] === stored[start]) start++;
  let end = 0;
  while (end < limit - start && local[local.length - 1 - end] === stored[stored.length - 1 - end]) end++;
  return local.slice(start, local.length - end);
}

/** The not-applied texts as plain text for the clipboard: "OP 3: …" one clause a line. */
export function notAppliedAsText(texts: readonly NotAppliedText[]): string {
  return texts.map((t) => `${t.label}: ${t.missing}`).join('\n');
}

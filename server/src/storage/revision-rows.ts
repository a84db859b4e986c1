import type { RevisionRecord, RevisionSummary } from './storage.js';

/** A revision's summary columns as both adapters read them. */
export interface SummaryRow {
  id: string;
  seq: number;
  label: string;
  note: string | null;
  issued_at: number;
  issued_by: string;
  hash: string;
  prev_hash: string | null;
}

/** A whole revision row: the summary, the state, the numbers as JSON and the frozen flag. */
export interface RevisionRow extends SummaryRow {
  state: Buffer;
  numbers: string;
  numbering_was_frozen: number | boolean;
}

/** The summary columns, in table order. */
export const SUMMARY_COLUMNS = 'id, seq, label, note, issued_at, issued_by, hash, prev_hash';

/** A summary row as a record. */
export function toSummary(row: SummaryRow): RevisionSummary {
  return {
    id: row.id,
    seq: row.seq,
    label: row.label,
    note: row.note,
    issuedAt: row.issued_at,
    issuedBy: row.issued_by,
    hash: row.hash,
    prevHash: row.prev_hash,
  };
}

/** Whether a parsed `numbers` column is a map of clause id to number. */
export function isNumbers(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  );
}

/** A whole row as a record; throws when its stored numbers are not a JSON map of strings. */
export function toRevision(row: RevisionRow): RevisionRecord {
  const numbers: unknown = JSON.parse(row.numbers);
  if (!isNumbers(numbers)) throw new Error(`revision ${row.id}: stored numbers are not a map of strings`);
  return {
    ...toSummary(row),
    state: new Uint8Array(row.state),
    numbers,
    numberingWasFrozen: row.numbering_was_frozen === 1 || row.numbering_was_frozen === true,
  };
}

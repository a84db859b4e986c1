import type { SuggestionKind, SuggestionRecord, SuggestionStatus } from '@plenary/protocol';

/** A `suggestions` row as both adapters read it. */
export interface SuggestionRow {
  id: string;
  kind: SuggestionKind;
  delegation: string;
  person: string | null;
  clause_id: string;
  text: string;
  created_at: number;
  status: SuggestionStatus;
  decided_by: string | null;
  decided_at: number | null;
}

/** A suggestion row as a record. */
export function toRecord(row: SuggestionRow): SuggestionRecord {
  return {
    id: row.id,
    kind: row.kind,
    delegation: row.delegation,
    person: row.person,
    clauseId: row.clause_id,
    text: row.text,
    createdAt: row.created_at,
    status: row.status,
    ...(row.decided_by !== null ? { decidedBy: row.decided_by } : {}),
    ...(row.decided_at !== null ? { decidedAt: row.decided_at } : {}),
  };
}

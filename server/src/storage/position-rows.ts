import type { ProposalKind, ProposalRecord, ProposalStatus } from '@plenary/protocol';

/** A `proposals` row as both adapters read it. */
export interface ProposalRow {
  id: string;
  kind: ProposalKind;
  clause_id: string;
  group_id: string | null;
  proposed_by: string;
  person: string | null;
  created_at: number;
  status: ProposalStatus;
  decided_by: string | null;
  decided_at: number | null;
}

/** A proposal row as a record. */
export function toProposal(row: ProposalRow): ProposalRecord {
  return {
    id: row.id,
    kind: row.kind,
    clauseId: row.clause_id,
    groupId: row.group_id,
    proposedBy: row.proposed_by,
    person: row.person,
    createdAt: row.created_at,
    status: row.status,
    ...(row.decided_by !== null ? { decidedBy: row.decided_by } : {}),
    ...(row.decided_at !== null ? { decidedAt: row.decided_at } : {}),
  };
}

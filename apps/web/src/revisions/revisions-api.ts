import type { NodeJSON } from '@plenary/schema';
import { requestJson } from '../api/http.js';

/** A revision as the server lists it. */
export interface RevisionSummary {
  readonly id: string;
  readonly label: string;
  readonly note: string | null;
  readonly issuedAt: string;
  readonly issuedBy: string;
  readonly hash: string;
  readonly prevHash: string | null;
}

/** A revision with its document, to open read-only. */
export interface RevisionWithDocument extends RevisionSummary {
  readonly numbers: Readonly<Record<string, string>>;
  readonly document: NodeJSON;
}

/** What happened to one clause between two versions. */
export type ClauseChange = 'same' | 'changed' | 'moved' | 'added' | 'deleted';

/** One clause of a comparison, as `GET …/compare` answers it. */
export interface ComparedClause {
  readonly clauseId: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly change: ClauseChange;
  readonly status?: { readonly from: string; readonly to: string };
  readonly text: readonly { readonly text: string; readonly change?: 'ins' | 'del' }[];
}

/** A comparison of two versions. */
export interface Comparison {
  readonly from: { readonly id: string; readonly label: string };
  readonly to: { readonly id: string; readonly label: string };
  readonly clauses: readonly ComparedClause[];
}

/** `to` of a comparison with the live draft. */
export const LIVE = 'live';

const base = (room: string) => `/api/rooms/${encodeURIComponent(room)}`;

/** The room's revisions in issue order and the label to suggest for the next. */
export async function listRevisions(
  room: string,
  token: string,
): Promise<{ revisions: RevisionSummary[]; nextLabel: string }> {
  return (await requestJson(`${base(room)}/revisions`, { token })) as {
    revisions: RevisionSummary[];
    nextLabel: string;
  };
}

/** Issues a revision (the chair); rejects with `ApiError` (`invalid_label`, `duplicate_label`, `chair_only`). */
export async function issueRevision(
  room: string,
  token: string,
  label: string,
  note: string,
): Promise<RevisionSummary> {
  const body = await requestJson(`${base(room)}/revisions`, {
    method: 'POST',
    token,
    body: note.trim() ? { label, note } : { label },
  });
  return (body as { revision: RevisionSummary }).revision;
}

/** One revision with its document. */
export async function readRevision(room: string, token: string, id: string): Promise<RevisionWithDocument> {
  const body = await requestJson(`${base(room)}/revisions/${encodeURIComponent(id)}`, { token });
  return (body as { revision: RevisionWithDocument }).revision;
}

/** Compares revision `from` with revision `to` or the live draft. */
export async function compareRevisions(room: string, token: string, from: string, to: string): Promise<Comparison> {
  const query = new URLSearchParams({ from, to });
  return (await requestJson(`${base(room)}/compare?${query}`, { token })) as Comparison;
}

/** Restores a revision into the live draft as a new change (the chair). */
export async function restoreRevision(room: string, token: string, id: string): Promise<void> {
  await requestJson(`${base(room)}/revisions/${encodeURIComponent(id)}/restore`, { method: 'POST', token });
}

/** The concordance export of `to` against `from` (`to` = live for the current draft). */
export function concordanceExportPath(room: string, from: string, to: string, format: 'html' | 'md' | 'docx'): string {
  const query = new URLSearchParams({ format, mode: 'concordance', against: from });
  if (to !== LIVE) query.set('revision', to);
  return `${base(room)}/export?${query}`;
}

import type { SuggestionRecord } from '@plenary/protocol';
import { requestJson } from '../api/http.js';

const base = (room: string) => `/api/rooms/${encodeURIComponent(room)}/suggestions`;

function recordsOf(body: unknown): SuggestionRecord[] {
  const list = typeof body === 'object' && body !== null ? (body as { suggestions?: unknown }).suggestions : null;
  return Array.isArray(list) ? (list as SuggestionRecord[]) : [];
}

/**
 * Accepts, rejects (the chair) or withdraws (its own delegation) one suggestion; resolves with
 * the changed records once the server stored the decision. Rejects with `ApiError`
 * (`chair_only`, `not_author`, `suggestion_not_found`, `suggestion_closed`).
 */
export async function decideOne(
  room: string,
  token: string,
  id: string,
  action: 'accept' | 'reject' | 'withdraw',
): Promise<SuggestionRecord[]> {
  return recordsOf(await requestJson(`${base(room)}/${encodeURIComponent(id)}/${action}`, { method: 'POST', token }));
}

/** Accepts or rejects every open suggestion, or those of one clause and/or delegation (the chair). */
export async function decideMany(
  room: string,
  token: string,
  action: 'accept' | 'reject',
  scope: { readonly clauseId?: string; readonly delegation?: string } = {},
): Promise<SuggestionRecord[]> {
  return recordsOf(await requestJson(`${base(room)}/decide`, { method: 'POST', token, body: { action, ...scope } }));
}

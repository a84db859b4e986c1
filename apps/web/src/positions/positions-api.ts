import type { Stance } from '@plenary/protocol';
import type { ClauseStatus } from '@plenary/schema';
import { requestJson } from '../api/http.js';

const base = (room: string) => `/api/rooms/${encodeURIComponent(room)}`;

/**
 * Takes this delegation's stance on a bracket or an alternative (one per delegation; a later
 * one replaces it). The server records the delegation from the token and pushes the record
 * (message 107). Rejects with `ApiError` (`own_proposal`, `position_not_found`, …).
 */
export async function takeStance(room: string, token: string, target: string, stance: Stance): Promise<void> {
  await requestJson(`${base(room)}/stances/${encodeURIComponent(target)}`, { method: 'PUT', token, body: { stance } });
}

/** Sets a clause's status (the chair). */
export async function setClauseStatus(room: string, token: string, clauseId: string, status: ClauseStatus) {
  await requestJson(`${base(room)}/clauses/${encodeURIComponent(clauseId)}/status`, {
    method: 'POST',
    token,
    body: { status },
  });
}

/** Collapses a clause's alternatives to `option` (the chair); the discarded texts are recorded. */
export async function pickAlternative(room: string, token: string, groupId: string, option: string): Promise<void> {
  await requestJson(`${base(room)}/alternatives/${encodeURIComponent(groupId)}/pick`, {
    method: 'POST',
    token,
    body: { option },
  });
}

/** Removes a bracket: its text is agreed (the chair). */
export async function removeBracket(room: string, token: string, id: string): Promise<void> {
  await requestJson(`${base(room)}/brackets/${encodeURIComponent(id)}`, { method: 'DELETE', token });
}

import { type ApiAnswer, callApi } from './api.js';
import type { TestServer } from './server.js';

/** A revision as the API lists it. */
export interface ListedRevision {
  readonly id: string;
  readonly label: string;
  readonly note: string | null;
  readonly issuedAt: string;
  readonly issuedBy: string;
  readonly hash: string;
  readonly prevHash: string | null;
}

/** One clause of a comparison as the API answers it. */
export interface ComparedClauseAnswer {
  readonly clauseId: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly change: 'same' | 'changed' | 'moved' | 'added' | 'deleted';
  /** Set when the clause status changed. */
  readonly status?: { readonly from: string; readonly to: string };
  readonly text: readonly { readonly text: string; readonly change?: 'ins' | 'del' }[];
}

/** `POST /api/rooms/<room>/revisions` with `token`. */
export function issue(server: TestServer, room: string, token: string, body: unknown): Promise<ApiAnswer> {
  return callApi(server, 'POST', `rooms/${room}/revisions`, token, body);
}

/** Issues a revision and resolves with it; throws unless the server answers 201. */
export async function issued(server: TestServer, room: string, token: string, label: string): Promise<ListedRevision> {
  const answer = await issue(server, room, token, { label });
  if (answer.status !== 201)
    throw new Error(`issuing ${label} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return (answer.body as { revision: ListedRevision }).revision;
}

/** `GET /api/rooms/<room>/revisions`: the list. */
export async function listed(server: TestServer, room: string, token: string): Promise<ListedRevision[]> {
  const answer = await callApi(server, 'GET', `rooms/${room}/revisions`, token);
  if (answer.status !== 200) throw new Error(`listing answered ${answer.status}`);
  return (answer.body as { revisions: ListedRevision[] }).revisions;
}

/** `GET /api/rooms/<room>/compare?from=&to=`: the clauses, or throws unless 200. */
export async function compared(
  server: TestServer,
  room: string,
  token: string,
  from: string,
  to = 'live',
): Promise<ComparedClauseAnswer[]> {
  const answer = await callApi(server, 'GET', `rooms/${room}/compare?from=${from}&to=${to}`, token);
  if (answer.status !== 200) throw new Error(`compare answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return (answer.body as { clauses: ComparedClauseAnswer[] }).clauses;
}

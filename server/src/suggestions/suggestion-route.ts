import type { OperationName } from '@plenary/protocol';
import { ID_PATTERN } from '@plenary/schema';
import { HttpError } from '../errors.js';

/** The operation a `POST /api/rooms/<room>/suggestions…` path names, and the mark id it carries. */
export interface SuggestionRoute {
  readonly op: OperationName;
  /** The suggestion's id from the path; null for `/decide`, whose arguments are the body. */
  readonly id: string | null;
}

const ACTIONS: Readonly<Record<string, OperationName>> = {
  accept: 'suggestion-accept',
  reject: 'suggestion-reject',
  withdraw: 'suggestion-withdraw',
};

/**
 * Reads the path after `/suggestions` of a POST: `/decide` (body `{action, clauseId?,
 * delegation?}`) or `/<id>/accept`, `/<id>/reject`, `/<id>/withdraw` (no body read). Anything
 * else is 404 `not_found`.
 */
export function suggestionRoute(rest: string): SuggestionRoute {
  if (rest === '/decide') return { op: 'suggestions-decide', id: null };
  const match = /^\/([^/]+)\/([a-z]+)$/.exec(rest);
  const id = match?.[1];
  const action = match?.[2];
  const op = action !== undefined && Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
  if (id === undefined || op === undefined || !ID_PATTERN.test(id)) {
    throw new HttpError(404, 'not_found', 'no such endpoint');
  }
  return { op, id };
}

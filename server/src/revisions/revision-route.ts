import type { OperationName } from '@plenary/protocol';
import { HttpError } from '../errors.js';

/** The operation a `/revisions…` or `/compare` request names, its success status and its arguments. */
export interface RevisionRoute {
  readonly op: OperationName;
  readonly status: 200 | 201;
  /** The arguments from the path or query; null when they are the JSON body (issuing). */
  readonly args: Record<string, string> | null;
}

/**
 * Reads a revision route: `GET /revisions`, `POST /revisions` (body `{label, note?}`),
 * `GET /revisions/<id>`, `POST /revisions/<id>/restore` and `GET /compare?from=&to=`. Anything
 * else under them is 404 `not_found`.
 */
export function revisionRoute(sub: string, method: string, rest: string, query: URLSearchParams): RevisionRoute {
  if (sub === '/compare') {
    if (rest !== '') throw new HttpError(404, 'not_found', 'no such endpoint');
    const from = query.get('from');
    if (!from) throw new HttpError(400, 'invalid_request', 'from: a revision id');
    return { op: 'revision-compare', status: 200, args: { from, to: query.get('to') || 'live' } };
  }
  if (rest === '')
    return method === 'POST'
      ? { op: 'revision-issue', status: 201, args: null }
      : { op: 'revisions', status: 200, args: {} };
  const match = /^\/([A-Za-z0-9_-]{1,64})(\/restore)?$/.exec(rest);
  const id = match?.[1];
  if (id === undefined) throw new HttpError(404, 'not_found', 'no such endpoint');
  if (match?.[2]) {
    if (method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'use POST');
    return { op: 'revision-restore', status: 200, args: { id } };
  }
  if (method !== 'GET') throw new HttpError(405, 'method_not_allowed', 'use GET');
  return { op: 'revision', status: 200, args: { id } };
}

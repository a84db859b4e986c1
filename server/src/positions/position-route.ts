import type { OperationName } from '@plenary/protocol';
import { ID_PATTERN } from '@plenary/schema';
import { HttpError } from '../errors.js';

/** The operation a position route names, the id in its path, and whether it reads a body. */
export interface PositionRoute {
  readonly op: OperationName;
  readonly id: string;
  readonly body: boolean;
}

/** Each position route: method and route name → the operation, and the path after the id. */
const ROUTES: Readonly<Record<string, { readonly op: OperationName; readonly tail: string; readonly body: boolean }>> =
  {
    'PUT /stances': { op: 'stance', tail: '', body: true },
    'POST /clauses': { op: 'clause-status', tail: '/status', body: true },
    'POST /alternatives': { op: 'alternative-pick', tail: '/pick', body: true },
    'DELETE /brackets': { op: 'bracket-remove', tail: '', body: false },
  };

/**
 * Reads a position route: `PUT /stances/<id>` `{stance}`, `POST /clauses/<id>/status`
 * `{status}`, `POST /alternatives/<id>/pick` `{option}`, `DELETE /brackets/<id>`. Null for any
 * other route; 404 `not_found` for one of these with a bad id or tail.
 */
export function positionRoute(method: string, sub: string, rest: string): PositionRoute | null {
  const route = ROUTES[`${method} ${sub}`];
  if (!route) return null;
  const match = /^\/([^/]+)(\/[a-z]+)?$/.exec(rest);
  const id = match?.[1];
  if (id === undefined || !ID_PATTERN.test(id) || (match?.[2] ?? '') !== route.tail) {
    throw new HttpError(404, 'not_found', 'no such endpoint');
  }
  return { op: route.op, id, body: route.body };
}

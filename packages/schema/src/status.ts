/**
 * Clause statuses in their negotiation order. Reopening an agreed clause returns it to
 * `under-discussion`; that transition is a chair operation checked by the server.
 */
export const CLAUSE_STATUSES = ['proposed', 'under-discussion', 'agreed-ad-ref', 'agreed'] as const;

/** One clause status. */
export type ClauseStatus = (typeof CLAUSE_STATUSES)[number];

/** The status a clause has when its attribute is missing or unreadable. */
export const DEFAULT_STATUS: ClauseStatus = 'proposed';

const STATUS_SET: ReadonlySet<string> = new Set(CLAUSE_STATUSES);

/**
 * Reads a status attribute. Anything that is not exactly one of {@link CLAUSE_STATUSES}
 * (other case, padding, non-strings) reads as `proposed`: an unreadable status must never
 * make a clause look agreed.
 */
export function readStatus(value: unknown): ClauseStatus {
  return typeof value === 'string' && STATUS_SET.has(value) ? (value as ClauseStatus) : DEFAULT_STATUS;
}

/** Statuses that lock a clause for everyone but the chair (docs/DESIGN.md, "status"). */
export const LOCKED_STATUSES: ReadonlySet<ClauseStatus> = new Set(['agreed', 'agreed-ad-ref']);

/** Whether a status attribute locks its clause (an unreadable one never does). */
export function isLockedStatus(value: unknown): boolean {
  return LOCKED_STATUSES.has(readStatus(value));
}

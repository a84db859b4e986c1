import { createHash } from 'node:crypto';
import type { NodeJSON } from '@plenary/schema';
import canonicalize from 'canonicalize';

/** What a revision's hash covers: its document, label, issue time and the previous hash. */
export interface RevisionHashFields {
  /** The schema JSON of the draft as issued. */
  readonly document: NodeJSON;
  readonly label: string;
  /** ISO 8601 with milliseconds (`Date.prototype.toISOString`). */
  readonly issuedAt: string;
  /** The previous revision's hash in the room; null for the first. */
  readonly prevHash: string | null;
}

/** A value the canonical form cannot hold (a lone surrogate, a number that is not finite). */
export class RevisionHashError extends Error {
  override readonly name = 'RevisionHashError';
}

/**
 * The canonical JSON (RFC 8785, JCS) of `{ document, label, issuedAt, prevHash }`: keys sorted by
 * UTF-16 code units, no whitespace, numbers in their shortest ECMAScript form. Throws
 * {@link RevisionHashError} for a value JCS refuses.
 */
export function canonicalRevision(fields: RevisionHashFields): string {
  const value = {
    document: fields.document,
    label: fields.label,
    issuedAt: fields.issuedAt,
    prevHash: fields.prevHash,
  };
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (error) {
    throw new RevisionHashError(`revision cannot be canonicalized: ${(error as Error).message}`);
  }
  if (text === undefined) throw new RevisionHashError('revision cannot be canonicalized');
  return text;
}

/**
 * The tamper-evidence hash of a revision: SHA-256 (lowercase hex) over the UTF-8 bytes of
 * {@link canonicalRevision}. Each revision names the previous one's hash, so the revisions of a
 * room form a chain: changing any earlier revision changes every later hash.
 */
export function revisionHash(fields: RevisionHashFields): string {
  return createHash('sha256').update(canonicalRevision(fields), 'utf8').digest('hex');
}

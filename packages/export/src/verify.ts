import type { NodeJSON } from '@plenary/schema';
import { type ChainEntry, documentHash, JSON_EXPORT_FORMAT } from './json.js';
import { RevisionHashError, revisionHash } from './revision-hash.js';

/** A file that is not a Plenary JSON export at all (not JSON, wrong format, malformed chain). */
export class VerifyInputError extends Error {
  override readonly name = 'VerifyInputError';
}

/** What `verify` found: either every check passed, or the first that failed and where. */
export type VerifyReport =
  | {
      readonly ok: true;
      /** Revisions in the chain, each hash recomputed and linked to the one before. */
      readonly revisions: number;
      /** The last revision of the chain (the one exported), when the export is of a revision. */
      readonly revision: { readonly id: string; readonly label: string; readonly hash: string } | null;
    }
  | {
      readonly ok: false;
      /** The revision whose check failed (id and label), or null when the document itself does. */
      readonly revision: { readonly id: string; readonly label: string } | null;
      readonly reason: string;
    };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readEntry(value: unknown, index: number): ChainEntry {
  if (!isRecord(value)) throw new VerifyInputError(`revisions[${index}] is not an object`);
  const { id, label, issuedAt, prevHash, hash, document } = value;
  if (typeof id !== 'string' || typeof label !== 'string' || typeof issuedAt !== 'string' || typeof hash !== 'string')
    throw new VerifyInputError(`revisions[${index}]: id, label, issuedAt and hash must be strings`);
  if (prevHash !== null && typeof prevHash !== 'string')
    throw new VerifyInputError(`revisions[${index}]: prevHash must be a string or null`);
  if (!isRecord(document)) throw new VerifyInputError(`revisions[${index}]: document must be an object`);
  return { id, label, issuedAt, prevHash, hash, document: document as unknown as NodeJSON };
}

/**
 * Checks a JSON export from the file alone: the document against its `sha256`, and, for the
 * export of a revision, every revision of its `revisions` chain (its hash recomputed over RFC
 * 8785 canonical JSON of document, label, issue time and previous hash; its `prevHash` equal to
 * the previous entry's hash) and that the exported document is the last revision's. Returns
 * the first failure, naming the revision; throws {@link VerifyInputError} for a file that is not
 * a Plenary JSON export.
 */
export function verifyExport(text: string): VerifyReport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new VerifyInputError('not JSON');
  }
  if (!isRecord(value) || value.format !== JSON_EXPORT_FORMAT)
    throw new VerifyInputError(`not a Plenary JSON export (format must be "${JSON_EXPORT_FORMAT}")`);
  const { document, sha256, revisions } = value;
  if (!isRecord(document) || typeof sha256 !== 'string')
    throw new VerifyInputError('a Plenary JSON export has a document and its sha256');
  if (documentHash(document as unknown as NodeJSON) !== sha256)
    return { ok: false, revision: null, reason: 'the document does not match its sha256' };
  if (revisions === undefined) return { ok: true, revisions: 0, revision: null };
  if (!Array.isArray(revisions) || revisions.length === 0)
    throw new VerifyInputError('revisions must be a non-empty array');
  const chain = revisions.map(readEntry);
  let previous: string | null = null;
  for (const [index, entry] of chain.entries()) {
    const named = { id: entry.id, label: entry.label };
    if (index > 0 && entry.prevHash !== previous)
      return { ok: false, revision: named, reason: 'its prevHash is not the previous revision’s hash' };
    let hash: string;
    try {
      hash = revisionHash(entry);
    } catch (error) {
      if (!(error instanceof RevisionHashError)) throw error;
      return { ok: false, revision: named, reason: error.message };
    }
    if (hash !== entry.hash) return { ok: false, revision: named, reason: 'its hash does not match its content' };
    previous = entry.hash;
  }
  const last = chain[chain.length - 1] as ChainEntry;
  if (documentHash(last.document) !== sha256)
    return {
      ok: false,
      revision: { id: last.id, label: last.label },
      reason: 'the exported document is not this revision’s',
    };
  return { ok: true, revisions: chain.length, revision: { id: last.id, label: last.label, hash: last.hash } };
}

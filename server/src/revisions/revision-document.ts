import { revisionHash } from '@plenary/export';
import { DRAFT_FRAGMENT, docFromFragment, type NodeJSON } from '@plenary/schema';
import * as Y from 'yjs';
import { HttpError } from '../errors.js';
import type { RevisionRecord, RevisionSummary, Storage } from '../storage/storage.js';

/** A revision as the HTTP API and message 103 answer it (times as ISO 8601). */
export interface RevisionAnswer {
  readonly id: string;
  readonly label: string;
  readonly note: string | null;
  readonly issuedAt: string;
  readonly issuedBy: string;
  readonly hash: string;
  readonly prevHash: string | null;
}

/** A stored revision read back and checked: its record, its draft and a decoded copy of its document. */
export interface ReadRevision {
  readonly record: RevisionRecord;
  readonly document: NodeJSON;
}

/** The answer shape of a revision summary. */
export function revisionAnswer(summary: RevisionSummary): RevisionAnswer {
  return {
    id: summary.id,
    label: summary.label,
    note: summary.note,
    issuedAt: new Date(summary.issuedAt).toISOString(),
    issuedBy: summary.issuedBy,
    hash: summary.hash,
    prevHash: summary.prevHash,
  };
}

/** The schema JSON of a Y.Doc's draft; only reads the document. */
export function draftOf(doc: Y.Doc): NodeJSON {
  return docFromFragment(doc.getXmlFragment(DRAFT_FRAGMENT)).toJSON() as NodeJSON;
}

/** Runs `read` on a fresh document holding `state`, then frees it; throws what applying throws. */
export function withRevisionDoc<T>(state: Uint8Array, read: (doc: Y.Doc) => T): T {
  const doc = new Y.Doc({ gc: true });
  try {
    Y.applyUpdate(doc, state);
    return read(doc);
  } finally {
    doc.destroy();
  }
}

function unavailable(id: string, why: string, cause?: unknown): HttpError {
  return new HttpError(503, 'revision_unavailable', `revision ${id} cannot be read: ${why}`, { cause });
}

/**
 * Reads revision `id` of `room` and checks it against its own hash. 404 `revision_not_found`
 * when there is none; 503 `revision_unavailable` for this revision alone when its row cannot be
 * read, its state does not decode, or its document no longer gives its stored hash.
 */
export async function readRevision(storage: Storage, room: string, id: string): Promise<ReadRevision> {
  let record: RevisionRecord | null;
  try {
    record = await storage.getRevision(room, id);
  } catch (error) {
    throw unavailable(id, 'its record is damaged', error);
  }
  if (!record) throw new HttpError(404, 'revision_not_found', `revision not found: ${JSON.stringify(id.slice(0, 64))}`);
  let document: NodeJSON;
  try {
    document = withRevisionDoc(record.state, draftOf);
  } catch (error) {
    throw unavailable(id, 'its document does not decode', error);
  }
  const hash = revisionHash({
    document,
    label: record.label,
    issuedAt: new Date(record.issuedAt).toISOString(),
    prevHash: record.prevHash,
  });
  if (hash !== record.hash) throw unavailable(id, 'its document does not match its hash');
  return { record, document };
}

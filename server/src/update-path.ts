import { CloseCode } from '@plenary/protocol';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { Authorship } from './authorship.js';
import type { Limits } from './config.js';
import { CloseError, TooLargeError } from './errors.js';
import type { TransactionOrigin } from './origin.js';
import { findLockViolation } from './positions/lock-rules.js';
import type { IsNewItem, PositionBook } from './positions/position-book.js';
import type { RoomMember } from './room-member.js';
import { type CheckedWrite, checkDocumentWrite, RuleViolationError } from './rules.js';
import type { RoomSettings } from './storage/storage.js';
import { type FormalCheck, prepareFormalCheck } from './suggestions/formal-mode.js';
import { type CoverageCheck, prepareCoverageCheck } from './suggestions/mark-coverage.js';
import type { SuggestionBook } from './suggestions/suggestion-book.js';
import { writtenMarkIds } from './suggestions/suggestion-marks.js';
import { updatePlaces } from './update-places.js';

/** What checking and applying a write needs from its room. */
export interface WriteTarget {
  readonly room: string;
  readonly limits: Limits;
  readonly logger: Logger;
  /** The room's binding of client ids to authors (DESIGN §3). */
  readonly authorship: Authorship;
  /** The document's estimated size in bytes. */
  readonly estimatedBytes: () => number;
  /** The live document, decoded on first use (throws `CloseError` when it cannot be). */
  readonly doc: () => Y.Doc;
  /** The room's suggestion records (who owns which mark id). */
  readonly suggestions: SuggestionBook;
  /** The room's position records (who proposed which bracket and alternative). */
  readonly positions: PositionBook;
  /** The room's drafting mode now (settings take effect on the next write). */
  readonly mode: () => RoomSettings['mode'];
}

/**
 * The outcome of one write: `applied` with what the document emitted (null when it changed
 * nothing), `refused` (the sender is being closed), or `failed` while applying or refused by
 * formal mode once applied (the sender is being closed and the document holds what it must not:
 * the room must reload it).
 */
export type WriteOutcome =
  | { readonly kind: 'applied'; readonly update: Uint8Array | null }
  | { readonly kind: 'refused' }
  | { readonly kind: 'failed' };

/**
 * Checks and applies one document write from `member` (DESIGN §4): the size limit and the rules
 * (with the authorship of its client ids) are checked on the update before it is applied; it is
 * applied with what the document emits buffered, so that only that, merged, is stored and
 * broadcast. The member takes the first client id it writes with as its own.
 */
export function applyClientWrite(target: WriteTarget, member: RoomMember, update: Uint8Array): WriteOutcome {
  if (isEmptyUpdate(update)) {
    // A fresh client's sync step 2 (every join sends one): nothing to check or apply, but it
    // is still a write, acknowledged in order with the others.
    return { kind: 'applied', update: null };
  }
  if (target.estimatedBytes() + update.length > target.limits.maxDocumentBytes) {
    closeWith(member, new TooLargeError('document over size limit'));
    return { kind: 'refused' };
  }
  let formal: FormalCheck | null = null;
  let coverage: CoverageCheck | null = null;
  let written: Map<string, 'insertion' | 'deletion'>;
  let structs: CheckedWrite['structs'];
  let isNew: IsNewItem;
  try {
    const doc = target.doc();
    const checked = checkDocumentWrite(doc, member.identity, update, target.authorship);
    member.adoptClientIds(checked.clients);
    structs = checked.structs;
    // Where the write's structs go, read once for every rule below.
    const places = updatePlaces(doc, structs);
    isNew = places.isNew;
    if (member.identity.role !== 'chair') {
      const locked = findLockViolation(doc, checked.structs, places, checked.deletes);
      if (locked) throw new RuleViolationError(locked);
    }
    const marks = writtenMarkIds(doc, checked.structs);
    if (typeof marks === 'string') throw new RuleViolationError(marks);
    written = marks;
    const reused = target.suggestions.checkWritten(doc, written);
    if (reused) throw new RuleViolationError(reused);
    if (member.identity.role !== 'chair') {
      // What another delegation's marks cover may not grow (suggestions/mark-coverage.ts).
      const { delegation } = member.identity;
      coverage = prepareCoverageCheck(
        doc,
        checked.structs,
        places,
        checked.deletes,
        (id) => !target.suggestions.isOwn(id, delegation, written),
      );
    }
    if (target.mode() === 'formal' && member.identity.role !== 'chair') {
      const { delegation } = member.identity;
      const prepared = prepareFormalCheck(
        doc,
        checked.structs,
        places,
        checked.deletes,
        (id) => target.suggestions.isOwn(id, delegation, written),
        (id) => (target.positions.proposal(id)?.proposedBy ?? delegation) === delegation,
      );
      if (typeof prepared === 'string') throw new RuleViolationError(prepared);
      formal = prepared;
    }
  } catch (error) {
    if (!(error instanceof CloseError)) throw error;
    closeWith(member, error);
    return { kind: 'refused' };
  }
  const emitted: Uint8Array[] = [];
  const capture = (u: Uint8Array) => {
    emitted.push(u);
  };
  const changed = new Set<object>();
  const noteChanged = (transaction: Y.Transaction) => {
    for (const type of transaction.changed.keys()) changed.add(type);
  };
  const doc = target.doc();
  const origin: TransactionOrigin = { kind: 'connection', connection: member };
  doc.on('update', capture);
  doc.on('afterTransaction', noteChanged);
  let failure: unknown = null;
  let refusal: string | null = null;
  try {
    Y.applyUpdate(doc, update, origin);
    refusal = formal?.afterApply() ?? coverage?.afterApply(changed) ?? null;
  } catch (error) {
    failure = error;
  } finally {
    doc.off('update', capture);
    doc.off('afterTransaction', noteChanged);
  }
  if (failure !== null) {
    target.logger.warn({ room: target.room, err: failure }, 'update failed to apply; reloading room');
    member.close(CloseCode.malformed, 'update could not be applied');
    return { kind: 'failed' };
  }
  if (refusal !== null) {
    // Applied to find where its text landed, refused: the room reloads what storage holds.
    target.logger.info({ room: target.room, reason: refusal }, 'a write was refused once applied; reloading room');
    closeWith(member, new RuleViolationError(refusal));
    return { kind: 'failed' };
  }
  target.suggestions.noteWrite(doc, member.identity, written, changed);
  target.positions.noteWrite(doc, member.identity, structs, isNew);
  const merged =
    emitted.length === 0 ? null : emitted.length === 1 ? (emitted[0] as Uint8Array) : Y.mergeUpdates(emitted);
  return { kind: 'applied', update: merged };
}

/**
 * Whether `member` may take `clientId` as its own: no member of another author has taken it,
 * and no other author writes the document under it. The same author may take it on a second
 * connection (a reconnect seen before the old socket's close).
 */
export function mayOwnClientId(
  clientId: number,
  member: RoomMember,
  members: Iterable<RoomMember>,
  authorship: Authorship,
): boolean {
  for (const other of members) {
    if (other !== member && other.ownClientId === clientId && other.authorKey !== member.authorKey) {
      return false;
    }
  }
  const writer = authorship.ownerOf(clientId);
  return writer === undefined || writer === member.authorKey;
}

/** Closes `member` with the error's code and reason. */
function closeWith(member: RoomMember, error: CloseError): void {
  member.close(error.code, error.message);
}

/** Whether `update` is the empty v1 update (no structs, no deletions): it changes nothing. */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}

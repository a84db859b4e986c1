import { CloseCode } from '@plenary/protocol';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { Authorship } from './authorship.js';
import type { Limits } from './config.js';
import { CloseError, TooLargeError } from './errors.js';
import type { TransactionOrigin } from './origin.js';
import type { RoomMember } from './room-member.js';
import { checkDocumentWrite } from './rules.js';

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
}

/**
 * The outcome of one write: `applied` with what the document emitted (null when it changed
 * nothing), `refused` (the sender is being closed), or `failed` while applying (the sender is
 * being closed and the document may be changed half-way: the room must reload it).
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
  try {
    member.adoptClientIds(checkDocumentWrite(target.doc(), member.identity, update, target.authorship));
  } catch (error) {
    if (!(error instanceof CloseError)) throw error;
    closeWith(member, error);
    return { kind: 'refused' };
  }
  const emitted: Uint8Array[] = [];
  const capture = (u: Uint8Array) => {
    emitted.push(u);
  };
  const doc = target.doc();
  const origin: TransactionOrigin = { kind: 'connection', connection: member };
  doc.on('update', capture);
  let failure: unknown = null;
  try {
    Y.applyUpdate(doc, update, origin);
  } catch (error) {
    failure = error;
  } finally {
    doc.off('update', capture);
  }
  if (failure !== null) {
    target.logger.warn({ room: target.room, err: failure }, 'update failed to apply; reloading room');
    member.close(CloseCode.malformed, 'update could not be applied');
    return { kind: 'failed' };
  }
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

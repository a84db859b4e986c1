import { CloseCode } from '@plenary/protocol';
import * as Y from 'yjs';
import { type Authorship, authoredClients, authorKey } from './authorship.js';
import { findDraftViolation } from './draft-rules.js';
import { CloseError, MalformedMessageError } from './errors.js';
import type { Identity } from './tokens.js';

/** A write refused by the rules: the client must discard its copy of the room and resync. */
export class RuleViolationError extends CloseError {
  constructor(message: string) {
    super(CloseCode.refused, message);
  }
}

/**
 * The server's rules for a document write, checked before the update is applied (DESIGN §4
 * step 3), where the update itself shows the violation. Throws `MalformedMessageError` for an
 * update that does not decode and `RuleViolationError` for one the rules refuse, including a
 * write under a client id bound to another author in `authorship`. When the write passes, its
 * new client ids are bound to the writer (even if applying it fails afterwards) and returned,
 * with the decoded update for the checks that follow (suggestion marks, formal mode).
 */
export function checkDocumentWrite(
  doc: Y.Doc,
  writer: Identity,
  update: Uint8Array,
  authorship: Authorship | null = null,
): CheckedWrite {
  let violation: string | null;
  let clients: number[];
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    // Decoded once; the schema check, the authorship binding and the suggestion checks read the same structs.
    decoded = Y.decodeUpdate(update);
    const { structs } = decoded;
    violation = findDraftViolation(doc, structs);
    clients = violation || !authorship ? [] : authoredClients(doc, structs);
  } catch {
    throw new MalformedMessageError('update does not decode');
  }
  if (violation) throw new RuleViolationError(violation);
  if (authorship) {
    const refused = authorship.claim(authorKey(writer), clients);
    if (refused) throw new RuleViolationError(refused);
  }
  return { clients, structs: decoded.structs, deletes: decoded.ds };
}

/** A write that passed the rules: its newly bound client ids and the update as decoded. */
export interface CheckedWrite {
  readonly clients: number[];
  readonly structs: ReturnType<typeof Y.decodeUpdate>['structs'];
  readonly deletes: ReturnType<typeof Y.decodeUpdate>['ds'];
}

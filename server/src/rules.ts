import { CloseCode } from '@plenary/protocol';
import type * as Y from 'yjs';
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
 * update that does not decode and `RuleViolationError` for one the rules refuse. Returns
 * normally when the write may be applied.
 */
export function checkDocumentWrite(doc: Y.Doc, _writer: Identity, update: Uint8Array): void {
  let violation: string | null;
  try {
    violation = findDraftViolation(doc, update);
  } catch {
    throw new MalformedMessageError('update does not decode');
  }
  if (violation) throw new RuleViolationError(violation);
}

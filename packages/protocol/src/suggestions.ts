import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType } from './message-type.js';

/** A proposed insertion (text added under an `insertion` mark) or deletion (text under `deletion`). */
export type SuggestionKind = 'insertion' | 'deletion';

/** Where a suggestion stands: open until the chair decides or its delegation withdraws it. */
export type SuggestionStatus = 'open' | 'accepted' | 'rejected' | 'withdrawn';

/**
 * One suggestion as the server records it, keyed by the id of its `insertion` or `deletion`
 * mark. The delegation and person come from the server's binding of the writing Yjs client id
 * to its author (never from anything written in the document).
 */
export interface SuggestionRecord {
  /** The mark id (`readId` shape). */
  readonly id: string;
  readonly kind: SuggestionKind;
  readonly delegation: string;
  /** The person (token `sub`), when known. */
  readonly person: string | null;
  /** The clause the suggestion sits in (the first, when it spans clauses). */
  readonly clauseId: string;
  /** The text under the mark, as it reads now (or as it read when decided). */
  readonly text: string;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly status: SuggestionStatus;
  /** Who decided it ("Chair", or the delegation that withdrew it), once not open. */
  readonly decidedBy?: string;
  /** Milliseconds since the epoch, once not open. */
  readonly decidedAt?: number;
}

/**
 * The body of a `suggestions` message: every suggestion of the room (sent on connect, so a
 * client that was offline catches up), or those that were created or changed.
 */
export type SuggestionsPayload =
  | { readonly kind: 'all'; readonly suggestions: readonly SuggestionRecord[] }
  | { readonly kind: 'changed'; readonly suggestions: readonly SuggestionRecord[] };

/**
 * Encodes a whole `suggestions` frame: the payload as a varString of JSON. Sent only to
 * connections that opted in with `?ext=suggestions`.
 */
export function encodeSuggestions(payload: SuggestionsPayload): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.suggestions);
  encoding.writeVarString(encoder, JSON.stringify(payload));
  return encoding.toUint8Array(encoder);
}

/**
 * Reads the body of a `suggestions` message (after its type). Throws on a body that is not an
 * `all` or `changed` payload; the records themselves are trusted as the server's.
 */
export function readSuggestions(decoder: decoding.Decoder): SuggestionsPayload {
  const value: unknown = JSON.parse(decoding.readVarString(decoder));
  if (
    typeof value === 'object' &&
    value !== null &&
    'kind' in value &&
    (value.kind === 'all' || value.kind === 'changed') &&
    'suggestions' in value &&
    Array.isArray(value.suggestions)
  )
    return value as SuggestionsPayload;
  throw new TypeError('malformed suggestions message');
}

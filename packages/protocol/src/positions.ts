import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType } from './message-type.js';

/** A delegation's position on a bracket or an alternative. */
export type Stance = 'support' | 'object';

/** The stances a delegation may take, as the API spells them. */
export const STANCES: readonly Stance[] = ['support', 'object'];

/** What a proposal is: a bracket (a mark in the text) or an alternative (a node of a clause). */
export type ProposalKind = 'bracket' | 'option';

/**
 * Where a proposal stands: `open` while it is in the draft; a bracket the chair removed (its
 * text agreed) is `removed`; an alternative the chair picked is `picked`, the others `discarded`.
 */
export type ProposalStatus = 'open' | 'removed' | 'picked' | 'discarded';

/**
 * Who proposed a bracket or an alternative, as the server records it when a write first brings
 * in its id: the delegation and person of the writing connection, never anything written in
 * the document.
 */
export interface ProposalRecord {
  /** The bracket mark's id or the alternative node's id. */
  readonly id: string;
  readonly kind: ProposalKind;
  /** The clause it sits in. */
  readonly clauseId: string;
  /** For an alternative, the id of its `alternatives` node; null for a bracket. */
  readonly groupId: string | null;
  readonly proposedBy: string;
  /** The person (token `sub`), when known. */
  readonly person: string | null;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly status: ProposalStatus;
  /** Who decided it ("Chair"), once not open. */
  readonly decidedBy?: string;
  /** Milliseconds since the epoch, once not open. */
  readonly decidedAt?: number;
}

/** One delegation's stance on one bracket or alternative (at most one per delegation). */
export interface StanceRecord {
  /** The bracket's or the alternative's id. */
  readonly target: string;
  readonly delegation: string;
  readonly stance: Stance;
  /** Milliseconds since the epoch. */
  readonly at: number;
}

/** One change of a clause's status, as the chair made it (the log keeps every change). */
export interface ClauseStatusRecord {
  readonly clauseId: string;
  /** One of the schema's clause statuses. */
  readonly status: string;
  /** "Chair". */
  readonly statusBy: string;
  /** Milliseconds since the epoch. */
  readonly statusAt: number;
}

/** A discarded formulation, kept with the pick so that nothing proposed is lost. */
export interface DiscardedOption {
  readonly id: string;
  /** "Alt 2", as it was labelled when the chair picked. */
  readonly label: string;
  readonly text: string;
}

/** The chair's choice among a clause's alternatives. */
export interface PickRecord {
  /** The `alternatives` node's id. */
  readonly id: string;
  readonly clauseId: string;
  /** The picked alternative's id. */
  readonly option: string;
  readonly pickedBy: string;
  /** Milliseconds since the epoch. */
  readonly pickedAt: number;
  readonly discarded: readonly DiscardedOption[];
}

/** The server's position records of a room (or those that changed). */
export interface PositionRecords {
  readonly proposals: readonly ProposalRecord[];
  readonly stances: readonly StanceRecord[];
  readonly statuses: readonly ClauseStatusRecord[];
  readonly picks: readonly PickRecord[];
  /**
   * The frozen numbering (clause id → own number) while the chair keeps numbers frozen, else
   * null. Sent whole with every payload.
   */
  readonly frozen: Readonly<Record<string, string>> | null;
}

/**
 * The body of a `positions` message: every record of the room (on connect), or the records that
 * were created or changed (stances replace the same delegation's earlier one on the same target).
 */
export type PositionsPayload =
  | ({ readonly kind: 'all' } & PositionRecords)
  | ({ readonly kind: 'changed' } & PositionRecords);

/**
 * Encodes a whole `positions` frame: the payload as a varString of JSON. Sent only to
 * connections that opted in with `?ext=positions`.
 */
export function encodePositions(payload: PositionsPayload): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.positions);
  encoding.writeVarString(encoder, JSON.stringify(payload));
  return encoding.toUint8Array(encoder);
}

function isArray(value: object, key: string): boolean {
  return key in value && Array.isArray((value as Record<string, unknown>)[key]);
}

/**
 * Reads the body of a `positions` message (after its type). Throws on a body that is not an
 * `all` or `changed` payload; the records themselves are trusted as the server's.
 */
export function readPositions(decoder: decoding.Decoder): PositionsPayload {
  const value: unknown = JSON.parse(decoding.readVarString(decoder));
  if (
    typeof value === 'object' &&
    value !== null &&
    'kind' in value &&
    (value.kind === 'all' || value.kind === 'changed') &&
    ['proposals', 'stances', 'statuses', 'picks'].every((key) => isArray(value, key)) &&
    'frozen' in value &&
    typeof value.frozen === 'object'
  )
    return value as PositionsPayload;
  throw new TypeError('malformed positions message');
}

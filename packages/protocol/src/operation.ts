import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType } from './message-type.js';

/**
 * The operations (the chair's, and a delegation withdrawing its own suggestion) a connection that opted in with `?ext=operations` may request over the
 * websocket, each the counterpart of an HTTP route (see `docs/PROTOCOL.md`).
 */
export const OPERATION_NAMES = [
  'settings',
  'title',
  'revoke',
  'archive',
  'delete',
  'access',
  'invite',
  'suggestion-accept',
  'suggestion-reject',
  'suggestion-withdraw',
  'suggestions-decide',
  'stance',
  'clause-status',
  'alternative-pick',
  'bracket-remove',
  'revisions',
  'revision',
  'revision-issue',
  'revision-compare',
  'revision-restore',
] as const;

export type OperationName = (typeof OPERATION_NAMES)[number];

/** Longest JSON text of one operation request, like the HTTP API's body limit (64 KiB). */
export const MAX_OPERATION_BYTES = 64 * 1024;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Longest string `id` of an operation request. */
const MAX_ID_LENGTH = 128;

/** A client's request id, echoed in the reply. */
export type OperationId = number | string;

/** A request as read off the wire: `op` is any string until the server checks it. */
export interface OperationRequest {
  readonly id: OperationId;
  readonly op: string;
  /** The operation's arguments; `{}` when the request has none. */
  readonly args: unknown;
}

/** Why an operation failed: the HTTP API's error code and status for the same refusal. */
export interface OperationFailure {
  readonly code: string;
  readonly message: string;
  readonly status: number;
}

/**
 * The server's reply. `id` is null only when the request was unreadable enough that it carried
 * no usable id (not JSON, not an object, a bad id, over the size limit).
 */
export type OperationResult =
  | { readonly id: OperationId; readonly ok: true; readonly result: unknown }
  | { readonly id: OperationId | null; readonly ok: false; readonly error: OperationFailure };

/**
 * A request that is a readable frame but not a valid operation. The server answers it with an
 * error reply carrying `code`, `status` and `id` (null when unknown) and keeps the socket open.
 */
export class OperationFormatError extends Error {
  override readonly name = 'OperationFormatError';
  constructor(
    readonly id: OperationId | null,
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function frame(text: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.operation);
  encoding.writeVarString(encoder, text);
  return encoding.toUint8Array(encoder);
}

/** Encodes a whole request frame: type 103 and `{ id, op, args }` as a varString of JSON. */
export function encodeOperation(request: {
  readonly id: OperationId;
  readonly op: string;
  readonly args?: object;
}): Uint8Array {
  return frame(JSON.stringify({ id: request.id, op: request.op, args: request.args ?? {} }));
}

function isValidId(value: unknown): value is OperationId {
  if (typeof value === 'number') return Number.isSafeInteger(value);
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the body of a request (after its type). Throws lib0's decoding error when the frame
 * itself is cut short (the server closes with 4400 then), and {@link OperationFormatError} when
 * the text is over {@link MAX_OPERATION_BYTES}, not JSON, or not `{ id, op, args? }` with an
 * integer or non-empty string id (at most 128 characters) and an object `args`. Whether `op`
 * names a known operation is left to the reader (the reply then carries the id).
 */
export function readOperation(decoder: decoding.Decoder): OperationRequest {
  // A varString is a varUint8Array of UTF-8: read the bytes to check the size before decoding.
  const bytes = decoding.readVarUint8Array(decoder);
  if (bytes.length > MAX_OPERATION_BYTES) {
    throw new OperationFormatError(null, 'body_too_large', 413, 'operation over 64 KiB');
  }
  let value: unknown;
  try {
    value = JSON.parse(UTF8.decode(bytes));
  } catch {
    throw new OperationFormatError(null, 'invalid_json', 400, 'operation is not UTF-8 JSON');
  }
  if (!isRecord(value)) throw new OperationFormatError(null, 'invalid_request', 400, 'operation is not an object');
  const { id, op, args } = value;
  if (!isValidId(id)) {
    throw new OperationFormatError(null, 'invalid_request', 400, 'id: an integer or a string of 1–128 characters');
  }
  if (typeof op !== 'string') throw new OperationFormatError(id, 'invalid_request', 400, 'op: a string');
  if (args !== undefined && !isRecord(args))
    throw new OperationFormatError(id, 'invalid_request', 400, 'args: an object');
  return { id, op, args: args ?? {} };
}

/** Encodes a whole reply frame: type 103 and the result as a varString of JSON. */
export function encodeOperationResult(result: OperationResult): Uint8Array {
  return frame(JSON.stringify(result));
}

/**
 * Reads the body of a reply (after its type). Throws {@link OperationFormatError} (id null) when
 * it is not a reply the server sends.
 */
export function readOperationResult(decoder: decoding.Decoder): OperationResult {
  let value: unknown;
  try {
    value = JSON.parse(decoding.readVarString(decoder));
  } catch {
    throw new OperationFormatError(null, 'invalid_json', 400, 'operation reply is not JSON');
  }
  if (!isRecord(value) || (value.id !== null && !isValidId(value.id))) {
    throw new OperationFormatError(null, 'invalid_request', 400, 'operation reply has no valid id');
  }
  const id = value.id;
  if (value.ok === true && id !== null) return { id, ok: true, result: value.result };
  const error = value.error;
  if (
    value.ok === false &&
    isRecord(error) &&
    typeof error.code === 'string' &&
    typeof error.message === 'string' &&
    typeof error.status === 'number'
  ) {
    return { id, ok: false, error: { code: error.code, message: error.message, status: error.status } };
  }
  throw new OperationFormatError(id, 'invalid_request', 400, 'operation reply is neither a result nor an error');
}

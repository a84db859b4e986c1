import { CloseCode, type CloseCodeValue } from '@plenary/protocol';

/**
 * A reason to close one connection, carrying the close code of DESIGN §4 and a short reason
 * that is sent to the client (at most 123 bytes, the websocket limit).
 */
export class CloseError extends Error {
  override readonly name = 'CloseError';
  constructor(
    readonly code: CloseCodeValue,
    message: string,
  ) {
    super(message);
  }
}

/** A frame that cannot be decoded, or a message type the server does not accept. */
export class MalformedMessageError extends CloseError {
  constructor(message: string) {
    super(CloseCode.malformed, message);
  }
}

/** A frame, awareness state or document over its size limit. */
export class TooLargeError extends CloseError {
  constructor(message: string) {
    super(CloseCode.tooLarge, message);
  }
}

/** A room's stored document could not be loaded; the room is not opened empty in its place. */
export class RoomLoadError extends Error {
  override readonly name = 'RoomLoadError';
}

/** An HTTP answer other than success, sent as `{ "error": { "code", "message" } }`. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 429 | 500 | 503,
    readonly code: string,
    message: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The answer for a room whose stored draft cannot be read (storage failed, or its bytes do not
 * decode): 503 `room_unavailable`, as joiners of such a room get 4503. The cause is logged,
 * never sent; nothing stored is changed.
 */
export function draftUnavailable(cause: unknown): HttpError {
  return new HttpError(503, 'room_unavailable', 'the stored draft could not be read', { cause });
}

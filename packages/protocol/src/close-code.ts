/**
 * WebSocket close codes used by the Plenary server (DESIGN §4).
 *
 * The stock y-websocket client stops reconnecting on 4400–4499 and retries on everything else,
 * which is why "permanent" answers live in that range and "try again" answers outside it.
 */
export const CloseCode = {
  /** Malformed frame or unknown message type. Permanent. */
  malformed: 4400,
  /** Token missing, invalid or expired. Permanent until a new token. */
  unauthorized: 4401,
  /** Forbidden: wrong room, revoked, or the role does not allow it. Permanent. */
  forbidden: 4403,
  /** Room deleted or archived. Permanent. */
  roomGone: 4404,
  /** A message or the document is over its size limit. Permanent. */
  tooLarge: 4413,
  /** The room could not be loaded from storage. Retry. */
  unavailable: 4503,
  /** An update was refused by the rules: discard local state for the room and resync. */
  refused: 4509,
  /** Rate limited. Retry after a backoff. */
  rateLimited: 4529,
  /** The server is restarting. Retry. */
  restarting: 1012,
} as const;

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** Whether a client should try to reconnect after the server closed with `code`. */
export function isRetryableClose(code: number): boolean {
  if (code === CloseCode.refused || code === CloseCode.rateLimited) return true;
  return !(code >= 4400 && code <= 4499);
}

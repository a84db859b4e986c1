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
  /**
   * The client read too slowly: the frames waiting for it passed the server's send buffer limit.
   * Retry; the reconnect's sync brings back whatever the client missed.
   */
  sendBufferFull: 4513,
  /** Rate limited. Retry after a backoff. */
  rateLimited: 4529,
  /** The server is restarting. Retry. */
  restarting: 1012,
} as const;

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/**
 * Whether a client should try to reconnect after the server closed with `code`: everything the
 * stock client retries (all but 4400–4499), and of that range 4509 (resync) and 4529 (backoff).
 * 4513, a full send buffer, is outside it, so the stock client retries it too.
 */
export function isRetryableClose(code: number): boolean {
  if (code === CloseCode.refused || code === CloseCode.rateLimited) return true;
  return !(code >= 4400 && code <= 4499);
}

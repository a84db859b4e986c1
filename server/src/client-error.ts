import type { Duplex } from 'node:stream';

/** The answer to a request the HTTP parser refused before any route saw it. */
interface ParserRefusal {
  readonly status: 400 | 408 | 431;
  readonly reason: string;
  readonly code: string;
  readonly message: string;
}

/**
 * What the parser's error means for the client. A token rides in a header, so an oversized one
 * (e.g. 100 KB, over Node's 16 KiB header limit) lands here as 431, before token checks run.
 */
function refusalFor(error: Error & { code?: string }): ParserRefusal {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        reason: 'Request Header Fields Too Large',
        code: 'headers_too_large',
        message: 'request headers over the size limit',
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        reason: 'Request Timeout',
        code: 'request_timeout',
        message: 'request headers not received in time',
      };
    default:
      return { status: 400, reason: 'Bad Request', code: 'bad_request', message: 'malformed HTTP request' };
  }
}

/**
 * Answers a request the HTTP parser refused (the server's `clientError` event) with the status
 * Node would send, but with the API's JSON error body, then closes the connection. Nothing is
 * written when the socket is gone or a response on it has already started.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  const response = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || response?.headersSent) {
    socket.destroy();
    return;
  }
  const refusal = refusalFor(error);
  const body = JSON.stringify({ error: { code: refusal.code, message: refusal.message } });
  socket.end(
    `HTTP/1.1 ${refusal.status} ${refusal.reason}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

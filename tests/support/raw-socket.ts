import { WebSocket } from 'ws';

/** The result of a websocket handshake attempt. */
export type UpgradeResult = { ok: true; socket: WebSocket } | { ok: false; status: number };

/** Opens a raw websocket (no Yjs) and reports the HTTP status when the upgrade is refused. */
export function openRaw(
  url: string,
  options: { headers?: Record<string, string>; protocols?: string[] } = {},
): Promise<UpgradeResult> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, options.protocols ?? [], { headers: options.headers ?? {} });
    socket.binaryType = 'nodebuffer';
    socket.once('open', () => resolve({ ok: true, socket }));
    socket.once('unexpected-response', (_request, response) => {
      resolve({ ok: false, status: response.statusCode ?? 0 });
      socket.terminate();
    });
    socket.once('error', () => resolve({ ok: false, status: 0 }));
  });
}

/** Resolves with the close code and reason when `socket` closes. */
export function whenClosed(socket: WebSocket): Promise<{ code: number; reason: string }> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve({ code: 1006, reason: '' });
  return new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

/**
 * Opens a raw websocket and resolves 'open' once the server speaks first (its sync step 1), or
 * with the close code and reason when the server closes it instead. Listens from the start: the
 * first frame can arrive with the handshake response. Rejects when the upgrade is refused.
 * The socket is pushed onto `sockets` so the caller can terminate it afterwards.
 */
export function connectRaw(
  url: string,
  sockets: WebSocket[],
  headers: Record<string, string> = {},
): Promise<'open' | { code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    sockets.push(socket);
    socket.once('message', () => resolve('open'));
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`upgrade refused with ${response.statusCode}`)),
    );
  });
}

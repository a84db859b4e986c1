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

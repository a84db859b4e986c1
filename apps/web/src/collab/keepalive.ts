import { encodeKeepalive, MessageType } from '@plenary/protocol';
import type { WebsocketProvider } from 'y-websocket';

/** How often the watch looks at the connection, and asks the server again once it answered. */
export const KEEPALIVE_INTERVAL_MS = 2_000;

/** How long a keepalive may go unanswered (no message at all) before the socket counts as dead. */
export const KEEPALIVE_TIMEOUT_MS = 6_000;

/**
 * Notices a connection that died without a close: the network went away (Wi-Fi dropped, a
 * laptop lid closed), so no close frame ever arrives and the browser keeps the socket "open"
 * for minutes. While `provider` is connected it sends a keepalive (message 105,
 * docs/PROTOCOL.md) and, once anything has come back, the next one; when one stays unanswered
 * for {@link KEEPALIVE_TIMEOUT_MS}, or the browser fires `offline`, it calls `onDead`. Only one
 * keepalive is ever outstanding, so a throttled background tab never counts as dead. Returns
 * a function that stops the watch.
 */
export function watchConnection(provider: WebsocketProvider, onDead: () => void): () => void {
  // The answer carries nothing: receiving it (any message does) is what counts.
  provider.messageHandlers[MessageType.keepalive] = () => {};
  let socket: WebSocket | null = null;
  let askedAt: number | null = null;
  const tick = (): void => {
    const ws = provider.ws;
    if (!provider.wsconnected || !ws || ws.readyState !== WebSocket.OPEN) return;
    if (ws !== socket) {
      socket = ws;
      askedAt = null;
    }
    const now = Date.now();
    if (askedAt !== null && provider.wsLastMessageReceived < askedAt) {
      if (now - askedAt >= KEEPALIVE_TIMEOUT_MS) {
        askedAt = null;
        onDead();
      }
      return;
    }
    askedAt = now;
    ws.send(encodeKeepalive());
  };
  const onOffline = (): void => {
    if (provider.wsconnected) onDead();
  };
  const timer = setInterval(tick, KEEPALIVE_INTERVAL_MS);
  window.addEventListener('offline', onOffline);
  return () => {
    clearInterval(timer);
    window.removeEventListener('offline', onOffline);
  };
}

import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** A stock y-websocket client in Node. */
export interface TestClient {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  destroy(): void;
}

/**
 * Connects a stock `y-websocket` `WebsocketProvider` with `ws` as its WebSocket and the token in
 * `params` (an empty token is left out, e.g. when it rides in `protocols` as in the web app).
 */
export function connectClient(
  wsUrl: string,
  room: string,
  token: string,
  options: { doc?: Y.Doc; connect?: boolean; params?: Record<string, string>; protocols?: string[] } = {},
): TestClient {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: token ? { token, ...options.params } : { ...options.params },
    protocols: options.protocols ?? [],
    connect: options.connect ?? true,
    disableBc: true,
    maxBackoffTime: 200,
  });
  return {
    doc,
    provider,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves when `provider` is synced. */
export function whenSynced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) => {
    const onSync = (synced: boolean) => {
      if (synced) {
        provider.off('sync', onSync);
        resolve();
      }
    };
    provider.on('sync', onSync);
  });
}

/** Polls `condition` every 10 ms until it holds, failing after `timeoutMs` with `message`. */
export async function waitFor(condition: () => boolean, message: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Polls an async `condition` every 10 ms until it holds, failing after `timeoutMs`. */
export async function waitForAsync(condition: () => Promise<boolean>, message: string, timeoutMs = 10_000) {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

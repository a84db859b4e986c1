import type { BrowserContext, Page } from 'playwright-core';

declare global {
  interface Window {
    /** Document updates the page's sockets have sent (docs/PROTOCOL.md: message 0, sync step 2). */
    plenarySentUpdates?: number;
  }
}

/**
 * Counts, in every page of `context`, the document updates its websockets send: binary frames
 * that open with message type 0 (sync) and sync type 2 (update). The socket itself is the real
 * one; only its `send` is observed, synchronously, so a count read after a key press has seen
 * whatever that key press sent.
 */
export async function countSentUpdates(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    window.plenarySentUpdates = 0;
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function observedSend(this: WebSocket, data) {
      const bytes =
        data instanceof ArrayBuffer
          ? new Uint8Array(data)
          : ArrayBuffer.isView(data)
            ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
            : null;
      if (bytes && bytes[0] === 0 && bytes[1] === 2) window.plenarySentUpdates = (window.plenarySentUpdates ?? 0) + 1;
      send.call(this, data);
    };
  });
}

/** The document updates `page` has sent so far (see {@link countSentUpdates}). */
export function sentUpdates(page: Page): Promise<number> {
  return page.evaluate(() => window.plenarySentUpdates ?? 0);
}

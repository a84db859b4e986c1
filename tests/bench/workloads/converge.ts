import type { LightSocket } from '../clients/light-socket.js';
import { textOfUpdates } from '../trace.js';

/**
 * Whether every light socket recorded a document with text `expected`. Sockets that received
 * byte-identical streams hold identical documents (Yjs is deterministic), so each distinct
 * stream is rebuilt once.
 */
export function lightSocketsConverged(sockets: readonly LightSocket[], expected: string): boolean {
  const checked = new Map<string, boolean>();
  for (const socket of sockets) {
    const digest = socket.recordDigest();
    let ok = checked.get(digest);
    if (ok === undefined) {
      ok = textOfUpdates(socket.recorded) === expected;
      checked.set(digest, ok);
    }
    if (!ok) return false;
  }
  return true;
}

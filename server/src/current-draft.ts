import * as Y from 'yjs';
import { draftUnavailable } from './errors.js';
import type { RoomRegistry } from './rooms.js';
import type { Storage } from './storage/storage.js';

/**
 * Runs `read` on a room's current draft: the live document of a loaded room (it may hold writes
 * not committed yet), otherwise a document rebuilt from the stored snapshot and updates, freed
 * afterwards. `read` only reads. A draft that cannot be read (storage failed, or its bytes do not
 * decode) throws 503 `room_unavailable`, as the room's joiners are closed with 4503.
 */
export async function readCurrentDraft<T>(
  storage: Storage,
  rooms: RoomRegistry | null,
  room: string,
  read: (doc: Y.Doc) => T,
): Promise<T> {
  const live = rooms ? await rooms.peek(room) : null;
  try {
    if (live) return read(live.doc);
    const stored = await storage.loadDocument(room);
    return readUpdates([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates], read);
  } catch (error) {
    throw draftUnavailable(error);
  }
}

/** Runs `read` on a fresh document holding `updates`, then frees it; throws what applying throws. */
export function readUpdates<T>(updates: readonly Uint8Array[], read: (doc: Y.Doc) => T): T {
  const doc = new Y.Doc();
  try {
    for (const update of updates) Y.applyUpdate(doc, update);
    return read(doc);
  } finally {
    doc.destroy();
  }
}

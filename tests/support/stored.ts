import * as Y from 'yjs';
import type { TestServer } from './server.js';

/** How many updates the room's log holds (the provenance log keeps every stored write). */
export async function countStored(server: TestServer, room: string): Promise<number> {
  return (await server.server.storage.readUpdates(room, 0, 1e6)).length;
}

/** The room's document as storage holds it (newest snapshot and the updates after it). */
export async function storedDocument(server: TestServer, room: string): Promise<Y.Doc> {
  const stored = await server.server.storage.loadDocument(room);
  const doc = new Y.Doc();
  for (const update of [...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates]) Y.applyUpdate(doc, update);
  return doc;
}

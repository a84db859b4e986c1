import * as Y from 'yjs';
import { type Authorship, authorOf } from '../authorship.js';
import type { Storage } from '../storage/storage.js';

/**
 * Client ids under which `update` adds content `doc` does not hold and that `authorship` has no
 * author for yet: those the database must bind before the write is checked. Null when the update
 * does not parse (the write path refuses it as malformed).
 */
export function unboundClients(doc: Y.Doc, update: Uint8Array, authorship: Authorship): number[] | null {
  let meta: ReturnType<typeof Y.parseUpdateMeta>;
  try {
    meta = Y.parseUpdateMeta(update);
  } catch {
    return null;
  }
  const unbound: number[] = [];
  for (const [client, to] of meta.to) {
    if (to > Y.getState(doc.store, client) && authorship.ownerOf(client) === undefined) unbound.push(client);
  }
  return unbound;
}

/**
 * Binds `clients` to `author` in the database unless already bound there (the first binding wins
 * in the database, whichever process stored it), then returns who the database says owns each.
 * Two processes claiming the same client id at once for different authors get the same answer.
 */
export async function claimInDatabase(
  storage: Storage,
  room: string,
  author: string,
  clients: readonly number[],
): Promise<Array<readonly [number, string]>> {
  const who = authorOf(author);
  await storage.putAuthorBindings(
    room,
    clients.map((clientId) => ({ clientId, author, ...who })),
  );
  const wanted = new Set(clients);
  return (await storage.listAuthorBindings(room))
    .filter((b) => wanted.has(b.clientId))
    .map((b) => [b.clientId, b.author] as const);
}

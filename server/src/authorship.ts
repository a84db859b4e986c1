import * as Y from 'yjs';
import type { Identity } from './tokens.js';

/**
 * Who a token writes as, for authorship: the delegation and the person when the token names one
 * (`sub`), so a renewed token of the same person keeps its client ids; otherwise the delegation
 * and the token id, so two unnamed tokens of one delegation are still two authors.
 */
export function authorKey(identity: Identity): string {
  const who = identity.person !== null ? `sub:${identity.person}` : `jti:${identity.jti ?? ''}`;
  return `${identity.delegation}\u0000${who}`;
}

/**
 * Client ids of the structs in `update` that add content `doc` does not have yet. Structs the
 * document already holds change nothing (a client's sync step 2 may repeat them), and the delete
 * set is not authorship: anyone may delete, and deletions carry no client id of their own.
 * Throws when the update does not decode.
 */
export function authoredClients(doc: Y.Doc, update: Uint8Array): number[] {
  const clients = new Set<number>();
  for (const struct of Y.decodeUpdate(update).structs) {
    if (struct instanceof Y.Skip) continue;
    const { client, clock } = struct.id;
    if (clock + struct.length > Y.getState(doc.store, client)) clients.add(client);
  }
  return [...clients];
}

/**
 * The room's binding of Yjs client ids to authors (DESIGN §3): the first author to write under a
 * client id owns it for as long as the room is loaded, across reconnects (y-websocket keeps its
 * client id), and a write under it by anyone else is refused. Held in memory only: after the
 * room unloads, attribution still comes from the provenance stored with every update.
 */
export class Authorship {
  private readonly owners = new Map<number, string>();

  /** The author key bound to `clientId`, if any. */
  ownerOf(clientId: number): string | undefined {
    return this.owners.get(clientId);
  }

  /**
   * Checks that `author` may write every client id in `clients`; binds the unbound ones to it
   * and returns null, or returns the refusal's reason and binds nothing.
   */
  claim(author: string, clients: readonly number[]): string | null {
    for (const client of clients) {
      const owner = this.owners.get(client);
      if (owner !== undefined && owner !== author) return `client id ${client} belongs to another author`;
    }
    for (const client of clients) this.owners.set(client, author);
    return null;
  }
}

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
 * Client ids of the structs of an update (as `Y.decodeUpdate` returns them) that add content `doc` does not have yet. Structs the
 * document already holds change nothing (a client's sync step 2 may repeat them), and the delete
 * set is not authorship: anyone may delete, and deletions carry no client id of their own.
 */
export function authoredClients(doc: Y.Doc, structs: ReturnType<typeof Y.decodeUpdate>['structs']): number[] {
  const clients = new Set<number>();
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    const { client, clock } = struct.id;
    if (clock + struct.length > Y.getState(doc.store, client)) clients.add(client);
  }
  return [...clients];
}

/** The delegation and person an author key names (the person is null for a token without `sub`). */
export function authorOf(key: string): { delegation: string; person: string | null } {
  const split = key.lastIndexOf('\u0000');
  const delegation = key.slice(0, split);
  const who = key.slice(split + 1);
  return { delegation, person: who.startsWith('sub:') ? who.slice(4) : null };
}

/**
 * The room's binding of Yjs client ids to authors (DESIGN §3): the first author to write under a
 * client id owns it, across reconnects (y-websocket keeps its client id) and, with storage,
 * across server restarts; a write under it by anyone else is refused.
 */
export class Authorship {
  private readonly owners = new Map<number, string>();

  /**
   * @param bound bindings restored from storage (client id → author key).
   * @param onBind told of every new binding, to persist it; it must not throw.
   */
  constructor(
    bound: Iterable<readonly [number, string]> = [],
    private readonly onBind: ((author: string, clients: readonly number[]) => void) | null = null,
  ) {
    for (const [client, author] of bound) this.owners.set(client, author);
  }

  /** The author key bound to `clientId`, if any. */
  ownerOf(clientId: number): string | undefined {
    return this.owners.get(clientId);
  }

  /**
   * Takes bindings decided elsewhere (the database, when several processes serve the room) as
   * they are, over whatever this copy believed.
   */
  adopt(bindings: Iterable<readonly [number, string]>): void {
    for (const [client, author] of bindings) this.owners.set(client, author);
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
    const fresh = clients.filter((client) => !this.owners.has(client));
    for (const client of fresh) this.owners.set(client, author);
    if (fresh.length > 0) this.onBind?.(author, fresh);
    return null;
  }
}

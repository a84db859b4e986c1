import * as Y from 'yjs';
import { callApi } from '../support/api.js';
import { type TestClient, waitFor } from '../support/clients.js';
import type { SpawnedServer } from '../support/spawned-server.js';
import { roomSuggestions } from './suggestion-room.js';

/** What accepting every open suggestion at once measured. */
export interface AcceptAllFigures {
  readonly suggestions: number;
  readonly clients: number;
  /** From sending the request to its answer. */
  readonly answeredMs: number;
  /** From sending the request to the last client applying the last update it brought. */
  readonly reachedAllMs: number;
  /** Every client's document the same and without a suggestion mark, every record accepted. */
  readonly converged: boolean;
}

/** How long no client may receive anything for the decision to count as delivered. */
const QUIET_MS = 300;

/** Whether any text of the draft still carries an insertion or deletion mark. */
export function hasSuggestionMarks(doc: Y.Doc): boolean {
  const walk = (parent: Y.XmlFragment | Y.XmlElement): boolean => {
    for (const child of parent.toArray()) {
      if (child instanceof Y.XmlText) {
        const delta = child.toDelta() as { attributes?: Record<string, unknown> }[];
        if (delta.some((op) => op.attributes?.insertion !== undefined || op.attributes?.deletion !== undefined)) {
          return true;
        }
      } else if (child instanceof Y.XmlElement && walk(child)) return true;
    }
    return false;
  };
  return walk(doc.getXmlFragment('draft'));
}

/**
 * Accepts every open suggestion (`POST /api/rooms/<room>/suggestions/decide {action: "accept"}`
 * as the chair) while `clients` are connected, and times when the last of them has applied the
 * server's change: each client stamps every remote update it applies; once the answer is in and
 * no client has received anything for {@link QUIET_MS}, the latest stamp is the delivery time.
 * Then checks, untimed, that every client holds the same document with no suggestion mark left
 * and that the server recorded every suggestion as accepted.
 */
export async function measureAcceptAll(
  server: SpawnedServer,
  room: string,
  chair: string,
  clients: readonly TestClient[],
): Promise<AcceptAllFigures> {
  const open = (await roomSuggestions(server, room, chair)).filter((r) => r.status === 'open').length;
  const lastUpdate = new Map<TestClient, number>();
  const listeners = clients.map((client) => {
    const listener = (_update: Uint8Array, origin: unknown) => {
      if (origin === client.provider) lastUpdate.set(client, performance.now());
    };
    client.doc.on('update', listener);
    return () => client.doc.off('update', listener);
  });
  try {
    const start = performance.now();
    const answer = await callApi(server, 'POST', `rooms/${room}/suggestions/decide`, chair, { action: 'accept' });
    const answeredMs = performance.now() - start;
    if (answer.status !== 200) throw new Error(`accept-all answered ${answer.status}`);
    await waitFor(() => lastUpdate.size === clients.length, 'every client received the decision', 60_000);
    await waitFor(
      () => performance.now() - Math.max(...lastUpdate.values()) > QUIET_MS,
      'no more updates after the decision',
      60_000,
    );
    const reachedAllMs = Math.max(...lastUpdate.values()) - start;

    const drafts = clients.map((client) => client.doc.getXmlFragment('draft').toString());
    const same = drafts.every((draft) => draft === drafts[0]);
    const unmarked = clients.every((client) => !hasSuggestionMarks(client.doc));
    const records = await roomSuggestions(server, room, chair);
    const accepted = records.filter((r) => r.status === 'accepted').length;
    return {
      suggestions: open,
      clients: clients.length,
      answeredMs,
      reachedAllMs,
      converged: same && unmarked && accepted === open && open > 0,
    };
  } finally {
    for (const remove of listeners) remove();
  }
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, type TestClient, waitFor, whenSynced } from '../support/clients.js';
import { type Random, seededRandom } from '../support/random.js';
import { startTestServer, type TestServer } from '../support/server.js';

const SEEDS = [1, 0xdecade, 20_250_101];
const PEERS = 5;
const OPERATIONS = 400;
const ROOM = 'randomized';

/** What two replicas must agree on: the visible content of every type the peers edit. */
function content(doc: Y.Doc): string {
  return JSON.stringify({
    text: doc.getText('t').toDelta(),
    draft: doc.getXmlFragment('draft').toString(),
  });
}

const stateVector = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc)).toString('hex');

/** One random edit by `doc`: insert or delete text, insert or delete a clause, or format a run. */
function randomEdit(random: Random, doc: Y.Doc): void {
  const text = doc.getText('t');
  const draft = doc.getXmlFragment('draft');
  const op = random.int(10);
  if (op < 4 || (op < 6 && text.length === 0)) {
    text.insert(random.int(text.length + 1), random.string(1 + random.int(6)));
  } else if (op < 6) {
    const at = random.int(text.length);
    text.delete(at, Math.min(1 + random.int(4), text.length - at));
  } else if (op < 7 && text.length > 0) {
    const at = random.int(text.length);
    text.format(at, Math.min(1 + random.int(5), text.length - at), { bold: random.chance(0.5) ? true : null });
  } else if (op < 9 || draft.length === 0) {
    const clause = new Y.XmlElement(random.pick(['pp', 'op']));
    clause.insert(0, [new Y.XmlText(random.string(1 + random.int(10)))]);
    draft.insert(random.int(draft.length + 1), [clause]);
  } else {
    draft.delete(random.int(draft.length), 1);
  }
}

/** Lets the event loop run sockets and timers a few times, so edits interleave with traffic. */
async function yieldTurns(turns: number): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('randomized convergence of stock clients', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.stop();
  });

  async function join(delegation: string): Promise<TestClient> {
    const client = connectClient(server.wsUrl, ROOM, await server.token(ROOM, delegation));
    clients.push(client);
    await whenSynced(client.provider);
    return client;
  }

  it.each(SEEDS)(
    `converges ${PEERS} peers after ${OPERATIONS} random edits, disconnects and reconnects, and after a restart (seed %i)`,
    async (seed) => {
      const random = seededRandom(seed);
      const peers = await Promise.all(Array.from({ length: PEERS }, (_, i) => join(`Delegation${i}`)));
      let offlineEdits = 0;
      for (let i = 0; i < OPERATIONS; i++) {
        const peer = random.pick(peers);
        const roll = random.next();
        if (roll < 0.06) {
          if (peer.provider.shouldConnect) peer.provider.disconnect();
          else peer.provider.connect();
        } else {
          if (!peer.provider.wsconnected) offlineEdits++;
          randomEdit(random, peer.doc);
        }
        await yieldTurns(random.int(4));
      }
      // Some edits were made while their peer was disconnected and reach the room on reconnect.
      expect(offlineEdits).toBeGreaterThan(0);

      for (const peer of peers) if (!peer.provider.shouldConnect) peer.provider.connect();
      const agree = () => {
        const first = peers[0] as TestClient;
        return peers.every(
          (peer) =>
            peer.provider.synced &&
            content(peer.doc) === content(first.doc) &&
            stateVector(peer.doc) === stateVector(first.doc),
        );
      };
      await waitFor(agree, `all ${PEERS} peers agree (seed ${seed})`, 20_000);

      const reference = (peers[0] as TestClient).doc;
      const expectedContent = content(reference);
      const expectedVector = stateVector(reference);
      const fresh = await join('Latecomer');
      await waitFor(() => stateVector(fresh.doc) === expectedVector, 'a fresh client catches up');
      expect(content(fresh.doc)).toBe(expectedContent);

      const dataDir = server.dataDir;
      for (const client of clients.splice(0)) client.destroy();
      await server.stop({ keepData: true });
      server = await startTestServer({ dataDir });
      const afterRestart = await join('AfterRestart');
      expect(stateVector(afterRestart.doc)).toBe(expectedVector);
      expect(content(afterRestart.doc)).toBe(expectedContent);
    },
  );
});

import { expect } from 'vitest';
import * as Y from 'yjs';
import { connectClient, type TestClient, waitFor, waitForAsync, whenSynced } from './clients.js';
import type { TestServer } from './server.js';
import { countStored, storedDocument } from './stored.js';

/** The neighbour of an attacked room, used unless a test names another. */
export const BYSTANDER_ROOM = 'bystanders';

/** What the neighbour room held when last recorded. */
interface Recorded {
  readonly storedUpdates: number;
  readonly stateVector: Uint8Array;
  readonly text: string;
}

/**
 * A room next to the one under attack, with two delegates' stock clients and content of its
 * own. `expectUntouched` proves the attack left it alone: its storage and both documents are as
 * recorded, and its clients still carry an edit between them.
 */
export interface BystanderRoom {
  readonly room: string;
  readonly clients: readonly [TestClient, TestClient];
  /**
   * Asserts the stored update log and the stored document are exactly as recorded, neither
   * client's document changed, both sockets are still open, and an edit from one client reaches
   * the other and storage; then records the room again (the edit included).
   */
  expectUntouched(): Promise<void>;
  /** Disconnects both clients. */
  close(): void;
}

/**
 * Opens `room` on `server` with two delegates (`delegations`, by default names an attack on the
 * other room may target, so a revocation there must not reach them here), writes its content and
 * records it once stored.
 */
export async function startBystanderRoom(
  server: TestServer,
  room: string = BYSTANDER_ROOM,
  delegations: readonly [string, string] = ['Kenya', 'France'],
): Promise<BystanderRoom> {
  const join = async (delegation: string): Promise<TestClient> => {
    const client = connectClient(server.wsUrl, room, await server.token(room, delegation));
    await whenSynced(client.provider);
    return client;
  };
  const first = await join(delegations[0]);
  const second = await join(delegations[1]);
  const text = (client: TestClient) => client.doc.getText('t').toString();
  let edits = 0;
  let recorded: Recorded | null = null;

  const record = async (): Promise<void> => {
    const doc = await storedDocument(server, room);
    recorded = {
      storedUpdates: await countStored(server, room),
      stateVector: Y.encodeStateVector(doc),
      text: doc.getText('t').toString(),
    };
    doc.destroy();
  };

  const edit = async (): Promise<void> => {
    const line = `bystander edit ${++edits};`;
    const before = await countStored(server, room);
    first.doc.getText('t').insert(text(first).length, line);
    await waitFor(() => text(second).endsWith(line), 'the edit reaches the other bystander');
    await waitForAsync(async () => (await countStored(server, room)) > before, 'the bystander edit is stored');
  };

  await edit();
  await record();

  return {
    room,
    clients: [first, second],
    async expectUntouched() {
      const before = recorded as Recorded | null;
      if (!before) throw new Error('the bystander room was not recorded');
      expect(await countStored(server, room)).toBe(before.storedUpdates);
      const doc = await storedDocument(server, room);
      expect(Buffer.from(Y.encodeStateVector(doc)).equals(Buffer.from(before.stateVector))).toBe(true);
      expect(doc.getText('t').toString()).toBe(before.text);
      doc.destroy();
      for (const client of [first, second]) {
        expect(client.provider.wsconnected).toBe(true);
        expect(Buffer.from(Y.encodeStateVector(client.doc)).equals(Buffer.from(before.stateVector))).toBe(true);
      }
      await edit();
      await record();
    },
    close() {
      first.destroy();
      second.destroy();
    },
  };
}

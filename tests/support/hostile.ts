import type { Config } from '@plenary/server';
import * as encoding from 'lib0/encoding';
import { expect } from 'vitest';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { startBystanderRoom } from './bystander-room.js';
import { connectClient, type TestClient, waitForAsync, whenSynced } from './clients.js';
import { openRaw, whenClosed } from './raw-socket.js';
import { startTestServer, type TestServer } from './server.js';
import { countStored } from './stored.js';

export { waitForAsync } from './clients.js';
export { countStored } from './stored.js';

/** The attacked room and its neighbour. */
export const TARGET_ROOM = 'target';
export const OTHER_ROOM = 'bystanders';

/** What the attacked room looked like before the attack. */
interface Baseline {
  /** The reference client's document, encoded. */
  readonly reference: Uint8Array;
  /** A fresh client's document after syncing, encoded. */
  readonly fresh: Uint8Array;
  readonly text: string;
  readonly storedUpdates: number;
}

/**
 * A server with one room under attack: a reference client holding content in `target`, and two
 * clients in another room. `expectIntact` checks everything a hostile frame must not change.
 */
export interface HostileRoom {
  readonly server: TestServer;
  readonly reference: TestClient;
  /** Opens a raw websocket to the attacked room as a delegate (throws if the upgrade fails). */
  attacker(room?: string): Promise<WebSocket>;
  /** Opens a stock client in `room` and waits until it is synced. */
  join(room: string, delegation: string): Promise<TestClient>;
  /** Records the room as it is now; `expectIntact` compares against the latest baseline. */
  rebaseline(): Promise<void>;
  /**
   * Asserts the server answers `/healthz`, a fresh client syncs the attacked room to exactly the
   * baseline, the reference client's document and the stored update count are unchanged, and
   * the other room's storage and documents are unchanged and it still carries edits.
   */
  expectIntact(): Promise<void>;
  /** Asserts only that the server answers `/healthz` and the other room is untouched and carries edits. */
  expectServing(): Promise<void>;
  close(): Promise<void>;
}

/** The legitimate content written into the attacked room before each attack. */
export const LEGIT_TEXT = 'Recognizing the common interest of all humankind in the exploration of outer space';

/** Sends `frame` and resolves with the code the server closed the socket with. */
export async function sendAndAwaitClose(
  socket: WebSocket,
  frame: Uint8Array | string,
  timeoutMs = 10_000,
): Promise<{ code: number; reason: string }> {
  const closed = whenClosed(socket);
  if (typeof frame === 'string') socket.send(frame);
  else socket.send(frame, { binary: true });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('the server did not close the socket')), timeoutMs);
  });
  try {
    return await Promise.race([closed, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A sync `update` frame carrying `update` (which may itself be garbage). */
export function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An awareness frame with one state whose JSON text is `json` (not checked). */
export function awarenessFrame(clientId: number, clock: number, json: string): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, json);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

/** A real update that inserts `text` at the start of `t`, made by a doc that never saw the room. */
export function foreignTextUpdate(text: string, name = 't'): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array | null = null;
  doc.on('update', (u: Uint8Array) => {
    update = u;
  });
  doc.getText(name).insert(0, text);
  doc.destroy();
  if (!update) throw new Error('no update emitted');
  return update;
}

export async function startHostileRoom(options: { config?: Partial<Config> } = {}): Promise<HostileRoom> {
  const server = await startTestServer(options.config ? { config: options.config } : {});
  const clients: TestClient[] = [];
  const sockets: WebSocket[] = [];
  const join = async (room: string, delegation: string): Promise<TestClient> => {
    const client = connectClient(server.wsUrl, room, await server.token(room, delegation));
    clients.push(client);
    await whenSynced(client.provider);
    return client;
  };

  const reference = await join(TARGET_ROOM, 'France');
  reference.doc.getText('t').insert(0, LEGIT_TEXT);
  const fragment = reference.doc.getXmlFragment('draft');
  const clause = new Y.XmlElement('pp');
  clause.insert(0, [new Y.XmlText('Noting the importance of transparency')]);
  fragment.insert(0, [clause]);
  const bystanders = await startBystanderRoom(server, OTHER_ROOM);

  const freshState = async (): Promise<{ encoded: Uint8Array; text: string }> => {
    const fresh = await join(TARGET_ROOM, 'Observer');
    const result = { encoded: Y.encodeStateAsUpdate(fresh.doc), text: fresh.doc.getText('t').toString() };
    fresh.destroy();
    return result;
  };

  const expectServing = async (): Promise<void> => {
    const health = await fetch(`${server.httpUrl}/healthz`);
    expect(health.status).toBe(200);
    await bystanders.expectUntouched();
  };

  let baseline: Baseline | null = null;
  const rebaseline = async (): Promise<void> => {
    const { encoded, text } = await freshState();
    baseline = {
      reference: Y.encodeStateAsUpdate(reference.doc),
      fresh: encoded,
      text,
      storedUpdates: await countStored(server, TARGET_ROOM),
    };
  };
  // Both writes (one update each) must be stored before the baseline is taken.
  await waitForAsync(async () => (await countStored(server, TARGET_ROOM)) >= 2, 'setup writes stored');
  await rebaseline();
  if (baseline === null || (baseline as Baseline).text !== LEGIT_TEXT) throw new Error('setup did not store the text');

  return {
    server,
    reference,
    join,
    rebaseline,
    async attacker(room = TARGET_ROOM) {
      const token = await server.token(room, 'Mallory');
      const result = await openRaw(`${server.wsUrl}/${room}?token=${token}`);
      if (!result.ok) throw new Error(`attacker upgrade refused with ${result.status}`);
      sockets.push(result.socket);
      return result.socket;
    },
    async expectIntact() {
      const before = baseline as Baseline | null;
      if (!before) throw new Error('no baseline');
      const after = await freshState();
      expect(after.text).toBe(before.text);
      expect(Buffer.from(after.encoded).equals(Buffer.from(before.fresh))).toBe(true);
      expect(Buffer.from(Y.encodeStateAsUpdate(reference.doc)).equals(Buffer.from(before.reference))).toBe(true);
      expect(await countStored(server, TARGET_ROOM)).toBe(before.storedUpdates);
      await expectServing();
    },
    expectServing,
    async close() {
      for (const socket of sockets) socket.terminate();
      for (const client of clients) client.destroy();
      bystanders.close();
      await server.stop();
    },
  };
}

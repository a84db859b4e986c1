import { join } from 'node:path';
import { MessageType, SyncMessageType } from '@plenary/protocol';
import { SqliteStorage, type UpdateToStore } from '@plenary/server';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { waitFor } from '../support/clients.js';
import { Gate } from '../support/gate.js';
import { openRaw } from '../support/raw-socket.js';
import { makeDataDir, startTestServer, type TestServer } from '../support/server.js';

const ROOM = 'batched';

/**
 * SQLite storage whose appends can be held open: while held, `appendUpdates` waits for
 * `release`, as a slow disk would, so writes arriving meanwhile queue up behind the commit.
 * Every append's delegations are recorded, one list per commit.
 */
class HeldAppendStorage extends SqliteStorage {
  readonly commits: string[][] = [];
  readonly gate = new Gate();

  constructor(dataDir: string) {
    super({ file: join(dataDir, 'plenary.db') });
  }

  override async appendUpdates(room: string, updates: readonly UpdateToStore[]): Promise<number> {
    this.commits.push(updates.map((u) => u.delegation));
    await this.gate.passed();
    return super.appendUpdates(room, updates);
  }
}

/** A raw websocket that records the payload of every sync update it receives. */
interface Peer {
  readonly socket: WebSocket;
  readonly received: Uint8Array[];
  send(update: Uint8Array): void;
}

async function connectPeer(server: TestServer, delegation: string, sockets: WebSocket[]): Promise<Peer> {
  const token = await server.token(ROOM, delegation);
  const opened = await openRaw(`${server.wsUrl}/${ROOM}?token=${token}`);
  if (!opened.ok) throw new Error(`upgrade refused with ${opened.status}`);
  const { socket } = opened;
  sockets.push(socket);
  const received: Uint8Array[] = [];
  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(decoder) !== MessageType.sync) return;
    if (decoding.readVarUint(decoder) !== SyncMessageType.update) return;
    received.push(decoding.readVarUint8Array(decoder));
  });
  return {
    socket,
    received,
    send(update) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      encoding.writeVarUint(encoder, SyncMessageType.update);
      encoding.writeVarUint8Array(encoder, update);
      socket.send(encoding.toUint8Array(encoder));
    },
  };
}

/** A client's own document; `type` returns the update one insert makes. */
function typist(): { type(text: string): Uint8Array } {
  const doc = new Y.Doc();
  return {
    type(text) {
      let update: Uint8Array | null = null;
      doc.once('update', (u: Uint8Array) => {
        update = u;
      });
      doc.getText('t').insert(0, text);
      return update as unknown as Uint8Array;
    },
  };
}

describe('writes that queue up together', () => {
  let server: TestServer;
  let storage: HeldAppendStorage;
  const sockets: WebSocket[] = [];

  beforeEach(async () => {
    const dataDir = makeDataDir();
    storage = new HeldAppendStorage(dataDir);
    server = await startTestServer({ dataDir, storage });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.terminate();
    storage.gate.release();
    await server.stop();
  });

  /** Two writing delegations and a third that only reads, in the loaded room. */
  async function threeDelegations() {
    const france = await connectPeer(server, 'France', sockets);
    const brazil = await connectPeer(server, 'Brazil', sockets);
    const kenya = await connectPeer(server, 'Kenya', sockets);
    const room = await server.server.rooms.peek(ROOM);
    return { france, brazil, kenya, frenchDoc: typist(), brazilianDoc: typist(), room };
  }

  it('behind a commit are stored in one commit, then reach every other client once, in order, never their sender', async () => {
    const { france, brazil, kenya, frenchDoc, brazilianDoc, room } = await threeDelegations();
    const text = () => room?.doc.getText('t').length ?? 0;

    storage.gate.hold();
    france.send(frenchDoc.type('a'));
    await waitFor(() => storage.commits.length === 1, 'the first commit to start');
    // Both are applied (and queued) while the first commit is held open.
    france.send(frenchDoc.type('b'));
    brazil.send(brazilianDoc.type('c'));
    await waitFor(() => text() === 3, 'both writes to be applied');
    expect(kenya.received).toEqual([]);
    storage.gate.release();

    await waitFor(() => kenya.received.length === 3, 'the observer to receive every update');
    expect(storage.commits).toEqual([['France'], ['France', 'Brazil']]);
    const stored = (await server.server.storage.readUpdates(ROOM, 0, 10)).map((u) => u.update);
    expect(stored).toHaveLength(3);
    expect(kenya.received).toEqual(stored);
    await waitFor(() => france.received.length >= 1 && brazil.received.length >= 2, 'the writers to hear the others');
    expect(france.received).toEqual([stored[2]]);
    expect(brazil.received).toEqual([stored[0], stored[1]]);
  });

  it('read right after a broadcast wait for the other sockets of that poll and share one commit', async () => {
    const { france, brazil, kenya, frenchDoc, brazilianDoc } = await threeDelegations();

    storage.gate.hold();
    france.send(frenchDoc.type('a'));
    await waitFor(() => storage.commits.length === 1, 'the first commit to start');
    // Sent before the held commit ends, read by the server only after its broadcast.
    france.send(frenchDoc.type('b'));
    brazil.send(brazilianDoc.type('c'));
    storage.gate.release();

    await waitFor(() => kenya.received.length === 3, 'the observer to receive every update');
    expect(storage.commits).toEqual([['France'], ['France', 'Brazil']]);
    const stored = (await server.server.storage.readUpdates(ROOM, 0, 10)).map((u) => u.update);
    expect(kenya.received).toEqual(stored);
  });
});

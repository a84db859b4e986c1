import { MessageType, SyncMessageType } from '@plenary/protocol';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { connectClient, type TestClient, waitFor, whenSynced } from '../support/clients.js';
import { openRaw } from '../support/raw-socket.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ROOM = 'observed';

/** One sync frame (`[0, subtype, payload]`) written by `write`. */
function syncFrame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** The payload of the first sync step 2 among `frames`, or null. */
function firstStep2(frames: readonly Uint8Array[]): Uint8Array | null {
  for (const frame of frames) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.sync) continue;
    if (decoding.readVarUint(decoder) !== SyncMessageType.step2) continue;
    return decoding.readVarUint8Array(decoder);
  }
  return null;
}

describe('observers are read-only', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const sockets: WebSocket[] = [];

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.terminate();
    for (const client of clients.splice(0)) client.destroy();
    await server.stop();
  });

  async function join(delegation: string, role: 'delegate' | 'observer' = 'delegate'): Promise<TestClient> {
    const client = connectClient(server.wsUrl, ROOM, await server.token(ROOM, delegation, role));
    clients.push(client);
    await whenSynced(client.provider);
    return client;
  }

  const text = (client: TestClient) => client.doc.getText('t').toString();

  /**
   * Orders every socket behind everything the server received so far: the delegate writes a
   * marker, the witness waits for it and answers with another, and the delegate waits for that.
   * A write accepted earlier would have been committed and broadcast before both markers.
   */
  async function barrier(delegate: TestClient, witness: TestClient, name: string): Promise<void> {
    delegate.doc.getText('t').insert(text(delegate).length, `<${name}-ping>`);
    await waitFor(() => text(witness).includes(`<${name}-ping>`), `${name}: witness sees the delegate's marker`);
    witness.doc.getText('t').insert(text(witness).length, `<${name}-pong>`);
    await waitFor(() => text(delegate).includes(`<${name}-pong>`), `${name}: delegate sees the witness's marker`);
  }

  /** Restarts the server on the same data and reads the room with a fresh client. */
  async function textAfterRestart(): Promise<string> {
    for (const socket of sockets.splice(0)) socket.terminate();
    for (const client of clients.splice(0)) client.destroy();
    const dataDir = server.dataDir;
    await server.stop({ keepData: true });
    server = await startTestServer({ dataDir });
    return text(await join('Reader', 'observer'));
  }

  it('syncs an observer and shows it what others write', async () => {
    const delegate = await join('Argentina');
    delegate.doc.getText('t').insert(0, 'Preamble text');
    const observer = await join('Press', 'observer');
    expect(text(observer)).toBe('Preamble text');
    delegate.doc.getText('t').insert(13, ', continued');
    await waitFor(() => text(observer) === 'Preamble text, continued', 'the observer sees a live edit');
  });

  it('never passes a stock observer client’s edits to others or to storage', async () => {
    const delegate = await join('Argentina');
    const witness = await join('Bangladesh');
    delegate.doc.getText('t').insert(0, 'Agreed text.');
    const observer = await join('Press', 'observer');
    await waitFor(() => text(observer) === 'Agreed text.', 'observer synced');

    observer.doc.getText('t').insert(0, 'OBSERVER-EDIT ');
    observer.doc.getXmlFragment('draft').insert(0, [new Y.XmlElement('paragraph')]);
    // Sent after the edits on the same socket, so the server has handled them when this arrives.
    observer.provider.awareness.setLocalStateField('user', { name: 'Press' });
    await waitFor(
      () => [...delegate.provider.awareness.getStates().values()].some((state) => state.user?.name === 'Press'),
      'the delegate sees the observer’s presence',
    );
    await barrier(delegate, witness, 'after-observer');

    expect(text(delegate)).not.toContain('OBSERVER-EDIT');
    expect(text(witness)).not.toContain('OBSERVER-EDIT');
    expect(delegate.doc.getXmlFragment('draft').length).toBe(0);
    const log = await server.server.storage.readUpdates(ROOM, 0, 1000);
    expect(log.map((u) => u.delegation)).not.toContain('Press');
    const reloaded = await textAfterRestart();
    expect(reloaded).toContain('Agreed text.');
    expect(reloaded).toContain('<after-observer-pong>');
    expect(reloaded).not.toContain('OBSERVER-EDIT');
  });

  it('drops raw sync step 2 and update frames from an observer but answers its sync step 1', async () => {
    const delegate = await join('Argentina');
    const witness = await join('Bangladesh');
    delegate.doc.getText('t').insert(0, 'Stored by a delegate.');
    await waitFor(() => text(witness) === 'Stored by a delegate.', 'witness synced');

    const opened = await openRaw(`${server.wsUrl}/${ROOM}?token=${await server.token(ROOM, 'Raw Press', 'observer')}`);
    if (!opened.ok) throw new Error(`observer refused with ${opened.status}`);
    const socket = opened.socket;
    sockets.push(socket);
    const received: Uint8Array[] = [];
    socket.on('message', (data: Buffer) => received.push(new Uint8Array(data)));

    const forged = new Y.Doc();
    forged.getText('t').insert(0, 'RAW-STEP2 ');
    const step2 = syncFrame((encoder) => syncProtocol.writeSyncStep2(encoder, forged));
    const forgedUpdate = new Y.Doc();
    forgedUpdate.getText('t').insert(0, 'RAW-UPDATE ');
    const update = syncFrame((encoder) => syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(forgedUpdate)));
    const step1 = syncFrame((encoder) => syncProtocol.writeSyncStep1(encoder, new Y.Doc()));
    socket.send(step2);
    socket.send(update);
    socket.send(step1);

    await waitFor(() => firstStep2(received) !== null, 'the server answers the observer’s sync step 1');
    const answer = new Y.Doc();
    Y.applyUpdate(answer, firstStep2(received) as Uint8Array);
    expect(answer.getText('t').toString()).toBe('Stored by a delegate.');
    expect(socket.readyState).toBe(socket.OPEN);

    await barrier(delegate, witness, 'after-raw');
    for (const client of [delegate, witness]) {
      expect(text(client)).not.toMatch(/RAW-(STEP2|UPDATE)/);
    }
    const log = await server.server.storage.readUpdates(ROOM, 0, 1000);
    expect(log.map((u) => u.delegation)).not.toContain('Raw Press');
    const reloaded = await textAfterRestart();
    expect(reloaded).toContain('<after-raw-pong>');
    expect(reloaded).not.toMatch(/RAW-(STEP2|UPDATE)/);
  });
});

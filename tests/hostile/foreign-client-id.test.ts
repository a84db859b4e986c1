import { CloseCode } from '@plenary/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, type TestClient, waitFor, whenSynced } from '../support/clients.js';
import {
  countStored,
  type HostileRoom,
  LEGIT_TEXT,
  sendAndAwaitClose,
  startHostileRoom,
  syncUpdateFrame,
  TARGET_ROOM,
  waitForAsync,
} from '../support/hostile.js';

/**
 * An update written under `clientId` after the content of `base`, so it adds new content to the
 * room under that client id, as the owner's next edit would.
 */
function updateUnder(clientId: number, base: Y.Doc, text: string): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  // Set after the base is in: a doc receiving remote content under its own id picks a new one.
  doc.clientID = clientId;
  const before = Y.encodeStateVector(doc);
  doc.getText('t').insert(0, text);
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}

describe('writes under a client id another author writes with', () => {
  let room: HostileRoom;
  const extra: TestClient[] = [];
  beforeEach(async () => {
    room = await startHostileRoom();
  });
  afterEach(async () => {
    for (const client of extra.splice(0)) client.destroy();
    await room.close();
  });

  it('closes the writer with 4509 and changes neither the document nor storage', async () => {
    const socket = await room.attacker();
    const forged = updateUnder(room.reference.doc.clientID, room.reference.doc, 'Forged by France: ');
    const { code, reason } = await sendAndAwaitClose(socket, syncUpdateFrame(forged));
    expect(code).toBe(CloseCode.refused);
    expect(reason).toMatch(/another author/);
    expect(room.reference.doc.getText('t').toString()).toBe(LEGIT_TEXT);
    await room.expectIntact();
  });

  it('lets the same user reconnect and keep writing with its client id', async () => {
    const stored = await countStored(room.server, TARGET_ROOM);
    room.reference.provider.disconnect();
    room.reference.doc.getText('t').insert(0, 'Offline: ');
    room.reference.provider.connect();
    await whenSynced(room.reference.provider);
    room.reference.doc.getText('t').insert(0, 'Online: ');
    await waitForAsync(async () => (await countStored(room.server, TARGET_ROOM)) >= stored + 2, 'both writes stored');
    const fresh = await room.join(TARGET_ROOM, 'Observer');
    expect(fresh.doc.getText('t').toString()).toBe(`Online: Offline: ${LEGIT_TEXT}`);
  });

  it('lets a person continue under a renewed token but refuses another person with the same document', async () => {
    const server = room.server;
    const doc = new Y.Doc();
    const first = connectClient(
      server.wsUrl,
      TARGET_ROOM,
      await server.token(TARGET_ROOM, 'Chile', 'delegate', { person: 'ana' }),
      { doc },
    );
    extra.push(first);
    await whenSynced(first.provider);
    doc.getText('t').insert(0, 'Ana: ');
    await waitFor(() => room.reference.doc.getText('t').toString().startsWith('Ana: '), 'Ana’s edit arrives');
    first.provider.destroy();

    const renewed = connectClient(
      server.wsUrl,
      TARGET_ROOM,
      await server.token(TARGET_ROOM, 'Chile', 'delegate', { person: 'ana' }),
      { doc },
    );
    extra.push(renewed);
    await whenSynced(renewed.provider);
    doc.getText('t').insert(0, 'Again: ');
    await waitFor(
      () => room.reference.doc.getText('t').toString().startsWith('Again: Ana: '),
      'the renewed edit arrives',
    );
    renewed.provider.destroy();

    const benToken = await server.token(TARGET_ROOM, 'Chile', 'delegate', { person: 'ben' });
    const ben = connectClient(server.wsUrl, TARGET_ROOM, benToken, { doc, connect: false });
    extra.push(ben);
    const closed = new Promise<number>((resolve) => {
      ben.provider.on('connection-close', (event: CloseEvent | null) => {
        if (event) resolve(event.code);
      });
    });
    ben.provider.connect();
    await whenSynced(ben.provider);
    doc.getText('t').insert(0, 'Ben as Ana: ');
    expect(await closed).toBe(CloseCode.refused);
    expect(room.reference.doc.getText('t').toString().startsWith('Again: Ana: ')).toBe(true);
  });
});

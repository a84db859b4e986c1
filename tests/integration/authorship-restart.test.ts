import { CloseCode } from '@plenary/protocol';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useChairedRoom } from '../support/chaired-room.js';
import { type TestClient, waitFor, whenSynced } from '../support/clients.js';
import { countStored, sendAndAwaitClose, syncUpdateFrame, waitForAsync } from '../support/hostile.js';
import { openRaw } from '../support/raw-socket.js';

const ROOM = 'bound-room';
const CLIENT_ID = 424242;

describe('authorship bindings across a server restart', () => {
  const ctx = useChairedRoom(ROOM);

  /** A synced stock client writing under `CLIENT_ID`. */
  async function joinAs(token: string): Promise<TestClient> {
    const doc = new Y.Doc();
    doc.clientID = CLIENT_ID;
    const client = ctx.connect(token, doc);
    await whenSynced(client.provider);
    return client;
  }

  it('refuses another author under a bound client id after a restart, and lets its author go on', async () => {
    const kenya = await joinAs(await ctx.server.token(ROOM, 'Kenya', 'delegate', { person: 'achieng' }));
    const firstStored = await countStored(ctx.server, ROOM);
    kenya.doc.getText('t').insert(0, 'Kenya wrote this. ');
    await waitForAsync(async () => (await countStored(ctx.server, ROOM)) > firstStored, 'the write stored');
    const bindings = await ctx.server.server.storage.listAuthorBindings(ROOM);
    expect(bindings.map((b) => [b.clientId, b.delegation, b.person])).toContainEqual([CLIENT_ID, 'Kenya', 'achieng']);
    // What another author would send to write under Kenya's client id: the next item of 424242.
    const forger = new Y.Doc();
    forger.clientID = CLIENT_ID;
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(kenya.doc));
    forger.clientID = CLIENT_ID;
    const before = Y.encodeStateVector(forger);
    forger.getText('t').insert(0, 'Chile writes as Kenya. ');
    const forged = Y.encodeStateAsUpdate(forger, before);
    kenya.provider.disconnect();

    await ctx.restart();
    const stored = await countStored(ctx.server, ROOM);

    const chile = await ctx.server.token(ROOM, 'Chile', 'delegate', { person: 'rojas' });
    const socket = await openRaw(`${ctx.server.wsUrl}/${ROOM}?token=${chile}`);
    if (!socket.ok) throw new Error(`upgrade refused with ${socket.status}`);
    const closed = await sendAndAwaitClose(socket.socket, syncUpdateFrame(forged));
    expect(closed.code).toBe(CloseCode.refused);
    expect(closed.reason).toMatch(/belongs to another author/);
    expect(await countStored(ctx.server, ROOM)).toBe(stored);

    // The same person, with a new token, keeps writing under the same client id.
    const again = await ctx.server.token(ROOM, 'Kenya', 'delegate', { person: 'achieng' });
    const own = await openRaw(`${ctx.server.wsUrl}/${ROOM}?token=${again}`);
    if (!own.ok) throw new Error(`upgrade refused with ${own.status}`);
    const observer = await ctx.join(await ctx.server.token(ROOM, 'Press', 'observer'));
    own.socket.send(syncUpdateFrame(forged), { binary: true });
    await waitFor(
      () => observer.doc.getText('t').toString().startsWith('Chile writes as Kenya. '),
      'the write reaches others',
    );
    expect(await countStored(ctx.server, ROOM)).toBe(stored + 1);
    own.socket.close();
  });
});

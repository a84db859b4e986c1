import { CloseCode } from '@plenary/protocol';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { waitFor } from '../support/clients.js';
import {
  countStored,
  type HostileRoom,
  LEGIT_TEXT,
  sendAndAwaitClose,
  startHostileRoom,
  syncUpdateFrame,
  TARGET_ROOM,
} from '../support/hostile.js';

const ATTACKER_CLIENT = 777_777;

/**
 * An update that decodes, passes the schema rules, and throws half-way through `Y.applyUpdate`:
 * its first item inserts "XYZ" into the room's text (after `origin`), its second names as parent
 * an item of the attacker's own client that does not exist. Yjs integrates the first item, then
 * throws looking up the parent, leaving the document changed and an update emitted.
 */
function throwingUpdate(origin: Y.ID, rightOrigin: Y.ID): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, 1); // one client
  encoding.writeVarUint(encoder.restEncoder, 2); // two structs
  encoder.writeClient(ATTACKER_CLIENT);
  encoding.writeVarUint(encoder.restEncoder, 0); // first clock
  const valid = new Y.Item(
    Y.createID(ATTACKER_CLIENT, 0),
    null,
    origin,
    null,
    rightOrigin,
    null,
    null,
    new Y.ContentString('XYZ'),
  );
  valid.write(encoder, 0);
  const orphan = new Y.Item(
    Y.createID(ATTACKER_CLIENT, 3),
    null,
    null,
    null,
    null,
    Y.createID(ATTACKER_CLIENT, 999),
    null,
    new Y.ContentString('abc'),
  );
  orphan.write(encoder, 0);
  encoding.writeVarUint(encoder.restEncoder, 0); // empty delete set
  return encoder.toUint8Array();
}

/** The id of the character at `index` of `text` (an item of the reference client). */
function idAt(text: Y.Text, index: number): Y.ID {
  let item = text._start;
  let offset = index;
  while (item) {
    if (!item.deleted && item.countable) {
      if (offset < item.length) return Y.createID(item.id.client, item.id.clock + offset);
      offset -= item.length;
    }
    item = item.right;
  }
  throw new RangeError(`no character at ${index}`);
}

describe('an update that throws mid-apply', () => {
  let room: HostileRoom;
  beforeEach(async () => {
    room = await startHostileRoom();
  });
  afterEach(async () => {
    await room.close();
  });

  it('throws half-way through Y.applyUpdate after changing the document (the premise)', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.reference.doc));
    const text = doc.getText('t');
    const emitted: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => emitted.push(u));
    expect(() => Y.applyUpdate(doc, throwingUpdate(idAt(text, 4), idAt(text, 5)))).toThrow();
    expect(text.toString()).toContain('XYZ');
    expect(emitted.length).toBe(1);
  });

  it('closes the sender with 4400, broadcasts nothing, stores nothing and keeps the document', async () => {
    const text = room.reference.doc.getText('t');
    const received: Uint8Array[] = [];
    room.reference.doc.on('update', (u: Uint8Array) => received.push(u));
    const socket = await room.attacker();
    const { code } = await sendAndAwaitClose(socket, syncUpdateFrame(throwingUpdate(idAt(text, 4), idAt(text, 5))));
    expect(code).toBe(CloseCode.malformed);
    await room.expectIntact();
    expect(received).toEqual([]);
    expect(text.toString()).toBe(LEGIT_TEXT);
  });

  it('applies writes that arrive while the room reloads, in order, after the reload', async () => {
    const text = room.reference.doc.getText('t');
    const writer = await room.join(TARGET_ROOM, 'Brazil');
    const stored = await countStored(room.server, TARGET_ROOM);
    const socket = await room.attacker();
    socket.send(syncUpdateFrame(throwingUpdate(idAt(text, 4), idAt(text, 5))), { binary: true });
    // These reach the server right behind the throwing update, while the room reloads.
    writer.doc.getText('t').insert(0, 'A. ');
    writer.doc.getText('t').insert(3, 'B. ');
    await waitFor(() => text.toString() === `A. B. ${LEGIT_TEXT}`, 'later writes reach the reference');
    expect(await countStored(room.server, TARGET_ROOM)).toBe(stored + 2);
    expect(text.toString()).not.toContain('XYZ');
    await room.rebaseline();
    await room.expectIntact();
  });
});

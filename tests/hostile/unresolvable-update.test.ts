import { CloseCode } from '@plenary/protocol';
import { DEFAULT_LIMITS } from '@plenary/server';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { countStored, type HostileRoom, startHostileRoom, syncUpdateFrame, TARGET_ROOM } from '../support/hostile.js';
import { whenClosed } from '../support/raw-socket.js';

/**
 * An update that depends on another one the server never receives: the second of two edits of a
 * foreign doc. Yjs keeps it pending; it emits nothing, so nothing is stored.
 */
function orphanUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  doc.getText('t').insert(0, 'a');
  doc.getText('t').insert(1, text);
  doc.destroy();
  return updates[1] as Uint8Array;
}

/** Sends a sync step 1 and resolves on the step 2 answer: everything sent before is handled. */
function roundTrip(socket: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === 1) {
        socket.off('message', onMessage);
        resolve();
      }
    };
    socket.on('message', onMessage);
    socket.once('close', (code) => reject(new Error(`closed with ${code}`)));
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint8Array(encoder, Y.encodeStateVector(new Y.Doc()));
    socket.send(encoding.toUint8Array(encoder), { binary: true });
  });
}

describe('an update whose dependencies never arrive', () => {
  let room: HostileRoom;
  afterEach(async () => {
    await room.close();
  });

  it('is neither stored nor handed to joining clients', async () => {
    room = await startHostileRoom();
    const socket = await room.attacker();
    socket.send(syncUpdateFrame(orphanUpdate('held back by Yjs')), { binary: true });
    await roundTrip(socket);
    // Before the fix, a fresh client's sync step 2 carried the held-back update.
    await room.expectIntact();
  });

  it('counts toward the document size limit, so it cannot grow the room without bound', async () => {
    const maxDocumentBytes = 8192;
    room = await startHostileRoom({ config: { limits: { ...DEFAULT_LIMITS, maxDocumentBytes } } });
    const stored = await countStored(room.server, TARGET_ROOM);
    const socket = await room.attacker();
    const closed = whenClosed(socket);
    let sent = 0;
    // 1 KiB each: the limit leaves room for about seven, then the socket must be closed.
    for (let open = true; open && sent < 20; sent++) {
      socket.send(syncUpdateFrame(orphanUpdate(`${sent % 10}`.repeat(1024))), { binary: true });
      open = await roundTrip(socket).then(
        () => true,
        () => false,
      );
    }
    const { code } = await closed;
    expect(sent).toBeLessThanOrEqual(maxDocumentBytes / 1024);
    expect(code).toBe(CloseCode.tooLarge);
    expect(await countStored(room.server, TARGET_ROOM)).toBe(stored);
    await room.expectIntact();
  });
});

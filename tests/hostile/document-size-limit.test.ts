import { CloseCode } from '@plenary/protocol';
import { DEFAULT_LIMITS } from '@plenary/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../support/clients.js';
import {
  countStored,
  foreignTextUpdate,
  type HostileRoom,
  LEGIT_TEXT,
  sendAndAwaitClose,
  startHostileRoom,
  syncUpdateFrame,
  TARGET_ROOM,
} from '../support/hostile.js';

const MAX_DOCUMENT = 4096;

describe('the document size limit', () => {
  let room: HostileRoom;
  beforeEach(async () => {
    room = await startHostileRoom({ config: { limits: { ...DEFAULT_LIMITS, maxDocumentBytes: MAX_DOCUMENT } } });
  });
  afterEach(async () => {
    await room.close();
  });

  it('stores writes up to the limit, then closes the writer with 4413 and stores nothing beyond', async () => {
    const socket = await room.attacker();
    const stored = await countStored(room.server, TARGET_ROOM);
    // Two writes of 1 KiB fit; the third, of 3 KiB, would take the document over 4 KiB.
    for (const [i, name] of ['first', 'second'].entries()) {
      socket.send(syncUpdateFrame(foreignTextUpdate('k'.repeat(1024), name)), { binary: true });
      await waitFor(() => room.reference.doc.getText(name).length === 1024, `${name} write is broadcast`);
      expect(await countStored(room.server, TARGET_ROOM)).toBe(stored + i + 1);
    }
    await room.rebaseline();
    const { code } = await sendAndAwaitClose(socket, syncUpdateFrame(foreignTextUpdate('m'.repeat(3072), 'third')));
    expect(code).toBe(CloseCode.tooLarge);
    await room.expectIntact();
    expect(room.reference.doc.getText('third').length).toBe(0);
  });

  it('refuses a stock client whose edit would exceed the limit, keeping the stored document', async () => {
    const writer = await room.join(TARGET_ROOM, 'Brazil');
    const closes: number[] = [];
    writer.provider.on('connection-close', (event) => {
      if (event) closes.push(event.code);
    });
    writer.doc.getText('t').insert(0, 'z'.repeat(MAX_DOCUMENT));
    await waitFor(() => closes.length > 0, 'the writer is closed');
    expect(closes[0]).toBe(CloseCode.tooLarge);
    // The stock client treats 4413 as permanent and stops reconnecting.
    await waitFor(() => writer.provider.shouldConnect === false, 'the writer stops reconnecting');
    await room.expectIntact();
    expect(room.reference.doc.getText('t').toString()).toBe(LEGIT_TEXT);
  });
});

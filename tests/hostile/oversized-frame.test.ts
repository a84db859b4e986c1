import { CloseCode } from '@plenary/protocol';
import { DEFAULT_LIMITS } from '@plenary/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../support/clients.js';
import {
  foreignTextUpdate,
  type HostileRoom,
  sendAndAwaitClose,
  startHostileRoom,
  syncUpdateFrame,
} from '../support/hostile.js';

const MAX_FRAME = 64 * 1024;

describe('an oversized frame', () => {
  let room: HostileRoom;
  beforeEach(async () => {
    room = await startHostileRoom({ config: { limits: { ...DEFAULT_LIMITS, maxFrameBytes: MAX_FRAME } } });
  });
  afterEach(async () => {
    await room.close();
  });

  it('closes the sender of a valid update one and a half times the frame limit with 4413', async () => {
    const frame = syncUpdateFrame(foreignTextUpdate('w'.repeat(MAX_FRAME * 1.5)));
    expect(frame.length).toBeGreaterThan(MAX_FRAME);
    const socket = await room.attacker();
    const { code } = await sendAndAwaitClose(socket, frame);
    expect(code).toBe(CloseCode.tooLarge);
    await room.expectIntact();
  });

  it('closes the sender of a frame one byte over the limit with 4413', async () => {
    const socket = await room.attacker();
    const { code } = await sendAndAwaitClose(socket, new Uint8Array(MAX_FRAME + 1));
    expect(code).toBe(CloseCode.tooLarge);
    await room.expectIntact();
  });

  it('cuts off a frame over twice the limit with 1009 before buffering it', async () => {
    // Documented in server.ts: ws itself refuses frames over twice the limit, unread.
    const socket = await room.attacker();
    const { code } = await sendAndAwaitClose(socket, new Uint8Array(MAX_FRAME * 2 + 1));
    expect(code).toBe(1009);
    await room.expectIntact();
  });

  it('accepts a valid update just under the limit', async () => {
    const frame = syncUpdateFrame(foreignTextUpdate('u'.repeat(MAX_FRAME - 64), 'annex'));
    expect(frame.length).toBeLessThanOrEqual(MAX_FRAME);
    const socket = await room.attacker();
    socket.send(frame, { binary: true });
    await waitFor(() => room.reference.doc.getText('annex').length === MAX_FRAME - 64, 'the update is broadcast');
    expect(socket.readyState).toBe(socket.OPEN);
  });
});

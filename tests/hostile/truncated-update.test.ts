import { CloseCode } from '@plenary/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  foreignTextUpdate,
  type HostileRoom,
  sendAndAwaitClose,
  startHostileRoom,
  syncUpdateFrame,
} from '../support/hostile.js';

describe('a truncated update', () => {
  let room: HostileRoom;
  beforeEach(async () => {
    room = await startHostileRoom();
  });
  afterEach(async () => {
    await room.close();
  });

  const update = foreignTextUpdate('Affirming that the exploration of outer space shall be free for all');

  it.each([
    ['the first half', update.slice(0, Math.floor(update.length / 2))],
    // The last byte is the (empty) delete set's client count.
    ['all but the delete set', update.slice(0, update.length - 1)],
    ['all but the last two bytes', update.slice(0, update.length - 2)],
  ])('closes the sender of %s of an update, correctly framed, with 4400', async (_name, part) => {
    const socket = await room.attacker();
    const { code } = await sendAndAwaitClose(socket, syncUpdateFrame(part));
    expect(code).toBe(CloseCode.malformed);
    await room.expectIntact();
  });

  it('closes the sender of a frame cut inside the update with 4400', async () => {
    const frame = syncUpdateFrame(update);
    const socket = await room.attacker();
    const { code } = await sendAndAwaitClose(socket, frame.slice(0, Math.floor(frame.length / 2)));
    expect(code).toBe(CloseCode.malformed);
    await room.expectIntact();
  });
});

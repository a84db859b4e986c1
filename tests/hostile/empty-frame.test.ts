import { CloseCode } from '@plenary/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type HostileRoom, sendAndAwaitClose, startHostileRoom } from '../support/hostile.js';

describe('an empty frame', () => {
  let room: HostileRoom;
  beforeEach(async () => {
    room = await startHostileRoom();
  });
  afterEach(async () => {
    await room.close();
  });

  it('closes the sender with 4400 and leaves the server, the room and its neighbours intact', async () => {
    const socket = await room.attacker();
    const { code } = await sendAndAwaitClose(socket, new Uint8Array(0));
    expect(code).toBe(CloseCode.malformed);
    await room.expectIntact();
  });
});

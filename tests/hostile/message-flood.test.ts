import { CloseCode } from '@plenary/protocol';
import { BURST_SECONDS, DEFAULT_LIMITS } from '@plenary/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type HostileRoom, startHostileRoom, syncUpdateFrame } from '../support/hostile.js';
import { whenClosed } from '../support/raw-socket.js';

const PER_SECOND = 20;
/** An update that changes nothing: no structs, an empty delete set. */
const EMPTY_UPDATE = new Uint8Array([0, 0]);

describe('a flood of messages', () => {
  let room: HostileRoom;
  beforeEach(async () => {
    room = await startHostileRoom({ config: { limits: { ...DEFAULT_LIMITS, maxMessagesPerSecond: PER_SECOND } } });
  });
  afterEach(async () => {
    await room.close();
  });

  it('closes the sender with 4529 and leaves the room intact', async () => {
    const socket = await room.attacker();
    const closed = whenClosed(socket);
    for (let i = 0; i < PER_SECOND * BURST_SECONDS * 4; i++)
      socket.send(syncUpdateFrame(EMPTY_UPDATE), { binary: true });
    const { code, reason } = await closed;
    expect(code).toBe(CloseCode.rateLimited);
    expect(reason).toMatch(/message rate/);
    await room.expectIntact();
  });
});

import { CloseCode } from '@plenary/protocol';
import { BURST_SECONDS, DEFAULT_LIMITS } from '@plenary/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../support/clients.js';
import { awarenessFrame, type HostileRoom, startHostileRoom, TARGET_ROOM } from '../support/hostile.js';
import { whenClosed } from '../support/raw-socket.js';

// One awareness update a second: the bucket holds five, and refills one a second, far slower
// than the frames below are sent.
const PER_SECOND = 1;

describe('an awareness flood past the rate', () => {
  let room: HostileRoom;
  beforeEach(async () => {
    room = await startHostileRoom({ config: { limits: { ...DEFAULT_LIMITS, maxAwarenessPerSecond: PER_SECOND } } });
  });
  afterEach(async () => {
    await room.close();
  });

  it('is refused with 4529 before the server reads the frames, whatever they hold', async () => {
    const bystander = await room.join(TARGET_ROOM, 'Kenya');
    const socket = await room.attacker();
    const closed = whenClosed(socket);
    for (let clock = 1; clock <= PER_SECOND * BURST_SECONDS; clock++) {
      socket.send(awarenessFrame(4242, clock, JSON.stringify({ cursor: clock })), { binary: true });
    }
    // Past the bucket, frames the server would refuse as malformed (4400) or oversized (4413)
    // if it decoded them: the rate is checked first, so the sender learns only that it floods.
    const oversized = JSON.stringify({ pad: 'x'.repeat(DEFAULT_LIMITS.maxAwarenessBytes + 1) });
    for (let clock = 1; clock <= 50; clock++) {
      const json = clock % 2 === 0 ? oversized : '{not json';
      socket.send(awarenessFrame(4242, PER_SECOND * BURST_SECONDS + clock, json), { binary: true });
    }
    const { code, reason } = await closed;
    expect(code).toBe(CloseCode.rateLimited);
    expect(reason).toMatch(/awareness rate/);
    await waitFor(() => !room.reference.provider.awareness.getStates().has(4242), 'the flooder’s state is removed');

    bystander.provider.awareness.setLocalStateField('cursor', 'after the flood');
    await waitFor(
      () => room.reference.provider.awareness.getStates().get(bystander.doc.clientID)?.cursor === 'after the flood',
      'a bystander’s presence still reaches the room',
    );
    await room.rebaseline();
    await room.expectIntact();
  });
});

import { CloseCode } from '@plenary/protocol';
import { BURST_SECONDS, DEFAULT_LIMITS } from '@plenary/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../support/clients.js';
import { awarenessFrame, type HostileRoom, startHostileRoom, TARGET_ROOM } from '../support/hostile.js';
import { whenClosed } from '../support/raw-socket.js';

const PER_SECOND = 5;

describe('a flood of awareness updates', () => {
  let room: HostileRoom;
  beforeEach(async () => {
    room = await startHostileRoom({ config: { limits: { ...DEFAULT_LIMITS, maxAwarenessPerSecond: PER_SECOND } } });
  });
  afterEach(async () => {
    await room.close();
  });

  it('closes the sender with 4529 and leaves everyone else’s presence working', async () => {
    const bystander = await room.join(TARGET_ROOM, 'Kenya');
    const socket = await room.attacker();
    const closed = whenClosed(socket);
    // Far more than the bucket holds, sent at once.
    for (let clock = 1; clock <= PER_SECOND * BURST_SECONDS * 4; clock++) {
      socket.send(awarenessFrame(4242, clock, JSON.stringify({ cursor: clock })), { binary: true });
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

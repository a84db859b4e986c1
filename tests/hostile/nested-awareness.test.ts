import { CloseCode } from '@plenary/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../support/clients.js';
import {
  awarenessFrame,
  type HostileRoom,
  sendAndAwaitClose,
  startHostileRoom,
  TARGET_ROOM,
} from '../support/hostile.js';

const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('deeply nested awareness JSON', () => {
  let room: HostileRoom;
  beforeEach(async () => {
    room = await startHostileRoom();
  });
  afterEach(async () => {
    await room.close();
  });

  it.each([
    ['100k levels (over the byte limit too)', 100_000],
    ['10k levels (under the byte limit)', 10_000],
    ['one level over the depth limit', 17],
  ])('closes the sender of %s with 4413 and a second client still joins and shares presence', async (_name, levels) => {
    const socket = await room.attacker();
    const { code } = await sendAndAwaitClose(socket, awarenessFrame(4242, 1, nested(levels)));
    expect(code).toBe(CloseCode.tooLarge);
    expect(room.reference.provider.awareness.getStates().has(4242)).toBe(false);
    await room.expectIntact();
    // A client joining after such a state is where the stock y-websocket server fails.
    const second = await room.join(TARGET_ROOM, 'Japan');
    second.provider.awareness.setLocalStateField('user', { name: 'Japan' });
    await waitFor(
      () => [...room.reference.provider.awareness.getStates().values()].some((state) => state.user?.name === 'Japan'),
      'presence of the second client reaches the reference',
    );
    expect(second.provider.awareness.getStates().has(4242)).toBe(false);
  });

  it('accepts a state nested exactly to the depth limit', async () => {
    const socket = await room.attacker();
    socket.send(awarenessFrame(4242, 1, JSON.stringify({ n: JSON.parse(nested(15)) })), { binary: true });
    await waitFor(() => room.reference.provider.awareness.getStates().has(4242), 'state reaches the reference');
    expect(socket.readyState).toBe(socket.OPEN);
  });
});

import { CloseCode } from '@plenary/protocol';
import { DEFAULT_LIMITS } from '@plenary/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../support/clients.js';
import { awarenessFrame, type HostileRoom, sendAndAwaitClose, startHostileRoom } from '../support/hostile.js';

const LIMIT = DEFAULT_LIMITS.maxAwarenessBytes;

describe('an awareness state over the byte limit', () => {
  let room: HostileRoom;
  beforeEach(async () => {
    room = await startHostileRoom();
  });
  afterEach(async () => {
    await room.close();
  });

  it.each([
    ['ASCII just over the limit', JSON.stringify({ name: 'x'.repeat(LIMIT) })],
    // Under the limit in UTF-16 code units, three times over it in UTF-8 bytes.
    ['multi-byte text over the limit in bytes', JSON.stringify({ name: '€'.repeat(Math.ceil(LIMIT / 2)) })],
  ])('closes the sender of %s with 4413 and shares nothing', async (_name, json) => {
    const socket = await room.attacker();
    const { code } = await sendAndAwaitClose(socket, awarenessFrame(4242, 1, json));
    expect(code).toBe(CloseCode.tooLarge);
    expect(room.reference.provider.awareness.getStates().has(4242)).toBe(false);
    await room.expectIntact();
  });

  it('closes the sender with 4413 when one of several states is over the limit, applying none', async () => {
    const socket = await room.attacker();
    const small = awarenessFrame(4242, 1, JSON.stringify({ name: 'fine' }));
    socket.send(small, { binary: true });
    await waitFor(() => room.reference.provider.awareness.getStates().has(4242), 'the small state arrives');
    const { code } = await sendAndAwaitClose(socket, awarenessFrame(4243, 1, JSON.stringify({ n: 'y'.repeat(LIMIT) })));
    expect(code).toBe(CloseCode.tooLarge);
    // The attacker's earlier state is removed with its connection.
    await waitFor(() => !room.reference.provider.awareness.getStates().has(4242), 'the small state is removed');
    expect(room.reference.provider.awareness.getStates().has(4243)).toBe(false);
    await room.expectIntact();
  });
});

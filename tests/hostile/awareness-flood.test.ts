import { CloseCode } from '@plenary/protocol';
import { BURST_SECONDS, DEFAULT_LIMITS } from '@plenary/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { type TestClient, waitFor } from '../support/clients.js';
import { awarenessFrame, type HostileRoom, startHostileRoom, TARGET_ROOM } from '../support/hostile.js';
import { whenClosed } from '../support/raw-socket.js';

/** The flooder's awareness client id. */
const FLOODER = 4242;

/** A room whose connections may send `perSecond` awareness updates a second (bursts of `BURST_SECONDS`). */
function withAwarenessRate(perSecond: number): () => HostileRoom {
  let room: HostileRoom | null = null;
  beforeEach(async () => {
    room = await startHostileRoom({ config: { limits: { ...DEFAULT_LIMITS, maxAwarenessPerSecond: perSecond } } });
  });
  afterEach(async () => {
    await room?.close();
  });
  return () => room as HostileRoom;
}

/**
 * Asserts what every awareness flood must end in: the flooder closed with 4529 for its awareness
 * rate, its state gone from the room, a bystander's presence still reaching everyone, and the
 * document and storage untouched.
 */
async function expectFloodContained(
  room: HostileRoom,
  bystander: TestClient,
  closed: Promise<{ code: number; reason: string }>,
): Promise<void> {
  const { code, reason } = await closed;
  expect(code).toBe(CloseCode.rateLimited);
  expect(reason).toMatch(/awareness rate/);
  await waitFor(() => !room.reference.provider.awareness.getStates().has(FLOODER), 'the flooder’s state is removed');

  bystander.provider.awareness.setLocalStateField('cursor', 'after the flood');
  await waitFor(
    () => room.reference.provider.awareness.getStates().get(bystander.doc.clientID)?.cursor === 'after the flood',
    'a bystander’s presence still reaches the room',
  );
  await room.rebaseline();
  await room.expectIntact();
}

function sendAwareness(socket: WebSocket, clock: number, json: string): void {
  socket.send(awarenessFrame(FLOODER, clock, json), { binary: true });
}

describe('a flood of awareness updates', () => {
  const perSecond = 5;
  const room = withAwarenessRate(perSecond);

  it('closes the sender with 4529 and leaves everyone else’s presence working', async () => {
    const bystander = await room().join(TARGET_ROOM, 'Kenya');
    const socket = await room().attacker();
    const closed = whenClosed(socket);
    // Far more than the bucket holds, sent at once.
    for (let clock = 1; clock <= perSecond * BURST_SECONDS * 4; clock++) {
      sendAwareness(socket, clock, JSON.stringify({ cursor: clock }));
    }
    await expectFloodContained(room(), bystander, closed);
  });
});

describe('an awareness flood past the rate', () => {
  // One awareness update a second: the bucket holds five, and refills one a second, far slower
  // than the frames below are sent.
  const perSecond = 1;
  const room = withAwarenessRate(perSecond);

  it('is refused with 4529 before the server reads the frames, whatever they hold', async () => {
    const bystander = await room().join(TARGET_ROOM, 'Kenya');
    const socket = await room().attacker();
    const closed = whenClosed(socket);
    for (let clock = 1; clock <= perSecond * BURST_SECONDS; clock++) {
      sendAwareness(socket, clock, JSON.stringify({ cursor: clock }));
    }
    // Past the bucket, frames the server would refuse as malformed (4400) or oversized (4413)
    // if it decoded them: the rate is checked first, so the sender learns only that it floods.
    const oversized = JSON.stringify({ pad: 'x'.repeat(DEFAULT_LIMITS.maxAwarenessBytes + 1) });
    for (let clock = 1; clock <= 50; clock++) {
      sendAwareness(socket, perSecond * BURST_SECONDS + clock, clock % 2 === 0 ? oversized : '{not json');
    }
    await expectFloodContained(room(), bystander, closed);
  });
});

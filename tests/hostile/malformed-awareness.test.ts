import { CloseCode } from '@plenary/protocol';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { awarenessFrame, type HostileRoom, sendAndAwaitClose, startHostileRoom } from '../support/hostile.js';

/** An awareness frame announcing `count` states but carrying only the first field of one. */
function shortAwarenessFrame(count: number): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, count);
  encoding.writeVarUint(inner, 4242);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

describe('malformed awareness', () => {
  let room: HostileRoom;
  beforeEach(async () => {
    room = await startHostileRoom();
  });
  afterEach(async () => {
    await room.close();
  });

  it.each([
    ['an unterminated object', '{"user":'],
    ['a bare word', 'undefined'],
    ['a trailing comma', '{"a":1,}'],
    ['unbalanced brackets', ']]]['],
    ['an empty string', ''],
  ])('closes the sender of %s with 4400 and shares nothing', async (_name, json) => {
    const socket = await room.attacker();
    const { code } = await sendAndAwaitClose(socket, awarenessFrame(4242, 1, json));
    expect(code).toBe(CloseCode.malformed);
    expect(room.reference.provider.awareness.getStates().has(4242)).toBe(false);
    await room.expectIntact();
  });

  it.each([
    ['a state cut after its client id', shortAwarenessFrame(1)],
    ['a count of a million states', shortAwarenessFrame(1_000_000)],
  ])('closes the sender of %s with 4400', async (_name, frame) => {
    const socket = await room.attacker();
    const { code } = await sendAndAwaitClose(socket, frame);
    expect(code).toBe(CloseCode.malformed);
    await room.expectIntact();
  });
});

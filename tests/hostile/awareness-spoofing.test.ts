import { delegationColour } from '@plenary/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../support/clients.js';
import { awarenessFrame, type HostileRoom, startHostileRoom, TARGET_ROOM } from '../support/hostile.js';

/** What the token of a `Mallory` delegate grants: the attacker's presence, whatever it claims. */
const MALLORY = {
  name: 'Mallory',
  delegation: 'Mallory',
  role: 'delegate',
  color: delegationColour('Mallory', 'delegate'),
};

const FORGED_USER = { name: 'Chair of the Working Group', delegation: 'Chair', role: 'chair', color: '#ff00ff' };

describe('awareness that claims to be someone else', () => {
  let room: HostileRoom;
  beforeEach(async () => {
    room = await startHostileRoom();
  });
  afterEach(async () => {
    await room.close();
  });

  it('shows the token’s name, delegation, role and colour instead of a stock client’s claim', async () => {
    const spoofer = await room.join(TARGET_ROOM, 'Brazil');
    spoofer.provider.awareness.setLocalStateField('user', FORGED_USER);
    const seen = () => room.reference.provider.awareness.getStates().get(spoofer.doc.clientID);
    await waitFor(() => seen()?.user !== undefined, 'the spoofer’s state arrives');
    expect(seen()?.user).toEqual({
      name: 'Brazil',
      delegation: 'Brazil',
      role: 'delegate',
      color: delegationColour('Brazil', 'delegate'),
    });
  });

  it('rewrites the user of a raw client’s state and drops states for other client ids', async () => {
    const socket = await room.attacker();
    const states = () => room.reference.provider.awareness.getStates();
    socket.send(awarenessFrame(4242, 1, JSON.stringify({ user: FORGED_USER, cursor: 1 })), { binary: true });
    await waitFor(() => states().get(4242)?.cursor === 1, 'the attacker’s own state arrives');
    expect(states().get(4242)?.user).toEqual(MALLORY);

    const kenya = await room.join(TARGET_ROOM, 'Kenya');
    kenya.provider.awareness.setLocalStateField('cursor', 'Kenya’s own');
    const victim = kenya.doc.clientID;
    await waitFor(() => states().get(victim)?.cursor === 'Kenya’s own', 'the victim’s state arrives');
    const victimState = JSON.stringify(states().get(victim));
    // Another client id, then a stock client's id: both dropped, the socket stays open.
    socket.send(awarenessFrame(4343, 1, JSON.stringify({ user: FORGED_USER })), { binary: true });
    socket.send(awarenessFrame(victim, 1_000_000, JSON.stringify({ user: FORGED_USER })), { binary: true });
    // A later state of its own id arriving shows the earlier frames were handled.
    socket.send(awarenessFrame(4242, 2, JSON.stringify({ cursor: 2 })), { binary: true });
    await waitFor(() => states().get(4242)?.cursor === 2, 'the attacker’s next state arrives');
    expect(states().get(4242)?.user).toEqual(MALLORY);
    expect(states().has(4343)).toBe(false);
    expect(JSON.stringify(states().get(victim))).toBe(victimState);
    await room.expectIntact();
  });

  it('replaces a state that is not an object with the token’s presence', async () => {
    const socket = await room.attacker();
    socket.send(awarenessFrame(4242, 1, '"I am the Chair"'), { binary: true });
    await waitFor(() => room.reference.provider.awareness.getStates().has(4242), 'the state arrives');
    expect(room.reference.provider.awareness.getStates().get(4242)).toEqual({ user: MALLORY });
  });
});

import { CHAIR_COLOUR, delegationColour } from '@plenary/protocol';
import { describe, expect, it } from 'vitest';
import { readPresenceUser } from '../src/collab/presence.js';

describe('presence colours on screen', () => {
  it('colours a person by their delegation and role, never by the colour their state claims', () => {
    const france = readPresenceUser({ name: 'M. Dupont', delegation: 'France', role: 'delegate', color: '#00ff00' });
    expect(france?.color).toBe(delegationColour('France', 'delegate'));
    const chair = readPresenceUser({ name: 'Ms. Rivera', delegation: 'France', role: 'chair', color: '#00ff00' });
    expect(chair?.color).toBe(CHAIR_COLOUR);
    expect(france?.color).not.toBe(chair?.color);
  });

  it('gives two people of one delegation the same colour whatever else differs', () => {
    const one = readPresenceUser({ name: 'A', delegation: 'Kenya', role: 'delegate' });
    const two = readPresenceUser({ name: 'B', delegation: 'Kenya', role: 'observer', color: '#123456' });
    expect(one?.color).toBe(two?.color);
  });
});

import { describe, expect, it } from 'vitest';
import type { Participant } from '../src/collab/presence.js';
import { presenceMembership } from '../src/room/presence-membership.js';

function person(clientId: number, delegation: string, name: string, clause: string | null = null): Participant {
  return {
    clientId,
    user: { delegation, name, role: 'delegate', color: '#000000' },
    clause,
    isSelf: false,
  };
}

describe('who is in the room, for the access list', () => {
  it('changes when someone joins or leaves', () => {
    const before = presenceMembership([person(1, 'Kenya', 'Mr. Otieno')]);
    const joined = presenceMembership([person(1, 'Kenya', 'Mr. Otieno'), person(2, 'Chile', 'Sra. Rojas')]);
    expect(joined).not.toBe(before);
    expect(presenceMembership([person(2, 'Chile', 'Sra. Rojas')])).not.toBe(joined);
    expect(presenceMembership([])).toBe('');
  });

  it('stays the same when cursors move, the order changes or a person opens a second tab', () => {
    const base = presenceMembership([person(1, 'Kenya', 'Mr. Otieno', 'c1'), person(2, 'Chile', 'Sra. Rojas')]);
    expect(presenceMembership([person(2, 'Chile', 'Sra. Rojas', 'c9'), person(1, 'Kenya', 'Mr. Otieno', 'c2')])).toBe(
      base,
    );
    expect(
      presenceMembership([
        person(1, 'Kenya', 'Mr. Otieno'),
        person(3, 'Kenya', 'Mr. Otieno'),
        person(2, 'Chile', 'Sra. Rojas'),
      ]),
    ).toBe(base);
  });
});

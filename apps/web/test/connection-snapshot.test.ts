import { describe, expect, it } from 'vitest';
import { NO_INVITE } from '../src/collab/access-problem.js';
import { type ConnectionSnapshot, sameSnapshot } from '../src/collab/room-connection.js';
import { connectionSnapshot } from './connection-snapshot-fixture.js';

function snapshot(changes: Partial<ConnectionSnapshot> = {}): ConnectionSnapshot {
  return connectionSnapshot(changes);
}

describe('comparing connection snapshots', () => {
  it('finds two snapshots saying the same alike, so a stored write that changes nothing redraws nothing', () => {
    expect(sameSnapshot(snapshot(), snapshot())).toBe(true);
    const metadata = { title: 'Draft', symbol: 'A/1', updatedAt: '2026-12-01T00:00:00.000Z' };
    expect(sameSnapshot(snapshot({ metadata }), snapshot({ metadata }))).toBe(true);
  });

  it('tells apart snapshots differing in any one field', () => {
    const changes: Partial<ConnectionSnapshot>[] = [
      { phase: 'offline' },
      { synced: false },
      { everSynced: false },
      { pending: true },
      { localLoaded: false },
      { kept: 'storing' },
      { problem: NO_INVITE },
      { refused: [] },
      { observersMayComment: true },
      { mode: 'formal' },
      { metadata: { title: 'Draft', symbol: 'A/1', updatedAt: '2026-12-01T00:00:00.000Z' } },
    ];
    for (const change of changes)
      expect(sameSnapshot(snapshot(), snapshot(change)), JSON.stringify(change)).toBe(false);
  });
});

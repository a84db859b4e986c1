import type { ConnectionSnapshot } from '../src/collab/room-connection.js';

/** A connection snapshot of a synced, online room with nothing pending, with `changes` applied. */
export function connectionSnapshot(changes: Partial<ConnectionSnapshot> = {}): ConnectionSnapshot {
  return {
    phase: 'online',
    synced: true,
    everSynced: true,
    pending: false,
    localLoaded: true,
    kept: 'stored',
    problem: null,
    retry: null,
    refused: null,
    observersMayComment: false,
    mode: 'informal',
    metadata: null,
    ...changes,
  };
}

import type { PositionRecords, PositionsPayload } from '@plenary/protocol';

const EMPTY: PositionRecords = { proposals: [], stances: [], statuses: [], picks: [], frozen: null };

function stanceKey(target: string, delegation: string): string {
  return `${target}\u0000${delegation}`;
}

/**
 * The room's position records as the server pushes them (message 107, `?ext=positions`): all of
 * them on every connect, then those created or changed. A proposal or pick replaces the one with
 * its id, a stance the same delegation's earlier one on the same target, and status changes add
 * to the log; the frozen numbering comes whole with every push. Subscribe with
 * {@link subscribe}/{@link getSnapshot} (`useSyncExternalStore`).
 */
export class PositionFeed {
  private snapshot: PositionRecords = EMPTY;
  private readonly listeners = new Set<() => void>();

  /** Applies a `positions` message from the server. */
  receive(payload: PositionsPayload): void {
    const base = payload.kind === 'all' ? EMPTY : this.snapshot;
    const proposals = new Map(base.proposals.map((p) => [p.id, p]));
    for (const record of payload.proposals) proposals.set(record.id, record);
    const stances = new Map(base.stances.map((s) => [stanceKey(s.target, s.delegation), s]));
    for (const record of payload.stances) stances.set(stanceKey(record.target, record.delegation), record);
    const picks = new Map(base.picks.map((p) => [p.id, p]));
    for (const record of payload.picks) picks.set(record.id, record);
    this.snapshot = {
      proposals: [...proposals.values()],
      stances: [...stances.values()],
      statuses: [...base.statuses, ...payload.statuses],
      picks: [...picks.values()],
      frozen: payload.frozen,
    };
    for (const listener of this.listeners) listener();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** The records as last pushed; a new object after each push. */
  readonly getSnapshot = (): PositionRecords => this.snapshot;
}

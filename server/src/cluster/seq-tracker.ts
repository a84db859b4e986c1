/**
 * Which of a room's stored updates (by `seq`) the process's copy of the document holds. Updates
 * reach a process out of order (its own commits, other processes' through Redis, repairs read
 * from the database), so it keeps the highest `seq` up to which it holds every update
 * (`contiguous`) and the ranges it holds beyond a gap.
 */
export class SeqTracker {
  private through: number;
  /** Held ranges above `through + 1`, disjoint, in no particular order. */
  private ahead: Array<[number, number]> = [];

  constructor(loadedThrough: number) {
    this.through = loadedThrough;
  }

  /** Every update up to and including this `seq` is in the document. */
  get contiguous(): number {
    return this.through;
  }

  /** The highest `seq` held, contiguous or not. */
  get highest(): number {
    return this.ahead.reduce((max, [, to]) => Math.max(max, to), this.through);
  }

  /** Whether some update below the highest held one is missing. */
  get hasGap(): boolean {
    return this.ahead.length > 0;
  }

  /** Notes that updates `first..last` are in the document. */
  mark(first: number, last: number): void {
    if (last <= this.through) return;
    this.ahead.push([Math.max(first, this.through + 1), last]);
    let advanced = true;
    while (advanced) {
      advanced = false;
      const rest: Array<[number, number]> = [];
      for (const range of this.ahead) {
        if (range[0] <= this.through + 1) {
          if (range[1] > this.through) this.through = range[1];
          advanced = true;
        } else rest.push(range);
      }
      this.ahead = rest;
    }
  }

  /** Starts over from a fresh load that held every update up to `loadedThrough`. */
  reset(loadedThrough: number): void {
    this.through = loadedThrough;
    this.ahead = [];
  }
}

/**
 * A gate a test holds shut while it acts, for storage calls that should wait as a slow disk or
 * database would: `passed` resolves at once when open, or on `release` when held.
 */
export class Gate {
  private held: Promise<void> | null = null;
  private open: (() => void) | null = null;

  /** Holds every later `passed` until `release`. */
  hold(): void {
    this.held = new Promise((resolve) => {
      this.open = resolve;
    });
  }

  /** Lets held and later calls through. */
  release(): void {
    this.open?.();
    this.held = null;
    this.open = null;
  }

  /** Resolves once the gate is open. */
  async passed(): Promise<void> {
    if (this.held) await this.held;
  }
}

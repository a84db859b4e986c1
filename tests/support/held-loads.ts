import { join } from 'node:path';
import { SqliteStorage, type StoredDocument } from '@plenary/server';

/**
 * SQLite storage whose document loads can be held back: while held, `loadDocument` waits until
 * `release`, so a test can act (revoke, delete) while a join is in flight, between the upgrade
 * checks and the moment the connection joins the loaded room.
 */
export class HeldLoadStorage extends SqliteStorage {
  private gate: Promise<void> | null = null;
  private open: (() => void) | null = null;
  private readonly started: Array<(room: string) => void> = [];

  constructor(dataDir: string) {
    super({ file: join(dataDir, 'plenary.db') });
  }

  /** Holds back every document load from now until `release`. */
  hold(): void {
    this.gate = new Promise((resolve) => {
      this.open = resolve;
    });
  }

  /** Lets held and later loads through. */
  release(): void {
    this.open?.();
    this.gate = null;
    this.open = null;
  }

  /** Resolves with the room of the next document load that starts. */
  nextLoad(): Promise<string> {
    return new Promise((resolve) => this.started.push(resolve));
  }

  override async loadDocument(room: string): Promise<StoredDocument> {
    for (const resolve of this.started.splice(0)) resolve(room);
    if (this.gate) await this.gate;
    return super.loadDocument(room);
  }
}

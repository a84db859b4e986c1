import { join } from 'node:path';
import { SqliteStorage, type StoredDocument } from '@plenary/server';
import { Gate } from './gate.js';

/**
 * SQLite storage whose document loads can be held back: while held, `loadDocument` waits until
 * `release`, so a test can act (revoke, delete) while a join is in flight, between the upgrade
 * checks and the moment the connection joins the loaded room.
 */
export class HeldLoadStorage extends SqliteStorage {
  private readonly gate = new Gate();
  private readonly started: Array<(room: string) => void> = [];

  constructor(dataDir: string) {
    super({ file: join(dataDir, 'plenary.db') });
  }

  /** Holds back every document load from now until `release`. */
  hold(): void {
    this.gate.hold();
  }

  /** Lets held and later loads through. */
  release(): void {
    this.gate.release();
  }

  /** Resolves with the room of the next document load that starts. */
  nextLoad(): Promise<string> {
    return new Promise((resolve) => this.started.push(resolve));
  }

  override async loadDocument(room: string): Promise<StoredDocument> {
    for (const resolve of this.started.splice(0)) resolve(room);
    await this.gate.passed();
    return super.loadDocument(room);
  }
}

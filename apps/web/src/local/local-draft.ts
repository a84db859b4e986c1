import { deleteDB } from 'lib0/indexeddb';
import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';

/** Name of the IndexedDB database that keeps one room's draft in this browser. */
export function localDraftName(room: string): string {
  return `plenary.draft.${room}`;
}

/**
 * The copy of a room's Y.Doc kept in this browser's IndexedDB (y-indexeddb), so edits made
 * without a connection survive a reload and merge on reconnect. Every update of the doc is
 * stored; loading replays them into the doc with this object as the transaction origin.
 */
export class LocalDraft {
  private readonly persistence: IndexeddbPersistence;
  private closed = false;

  constructor(
    readonly room: string,
    doc: Y.Doc,
  ) {
    this.persistence = new IndexeddbPersistence(localDraftName(room), doc);
  }

  /** The origin of the transactions that replay the stored copy into the doc. */
  get origin(): object {
    return this.persistence;
  }

  /**
   * Resolves once the stored copy has been read into the doc. Resolves as well when IndexedDB
   * is unavailable (private windows may refuse it): the room then works online only.
   */
  async load(): Promise<void> {
    // y-indexeddb never settles `whenSynced` when the database cannot be opened: settle on the
    // open failure too, so the room still connects.
    const failed = this.persistence._db.then(
      () => new Promise<void>(() => {}),
      () => undefined,
    );
    try {
      await Promise.race([this.persistence.whenSynced, failed]);
    } catch {
      // Nothing stored can be read: the server's copy is all there is.
    }
  }

  /** Stops storing and closes the database (the stored copy stays). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.persistence.destroy();
  }

  /** Closes the database and deletes the stored copy. */
  async discard(): Promise<void> {
    await this.close();
    await deleteLocalDraft(this.room);
  }
}

/** Deletes the stored copy of `room` (waits until no tab holds it open). */
export function deleteLocalDraft(room: string): Promise<void> {
  return deleteDB(localDraftName(room));
}

import { deleteDB } from 'lib0/indexeddb';
import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';

/** Name of the IndexedDB database that keeps one room's draft in this browser. */
export function localDraftName(room: string): string {
  return `plenary.draft.${room}`;
}

/** y-indexeddb's object store of updates. */
const UPDATES_STORE = 'updates';

/** Resolves once every write transaction on `db`'s updates store created before it has ended. */
function afterEarlierWrites(db: IDBDatabase): Promise<void> {
  return new Promise((resolve) => {
    // IndexedDB starts a transaction only after every earlier read-write transaction over the
    // same store has finished, so this one completes after the writes already queued.
    const tx = db.transaction([UPDATES_STORE], 'readonly');
    tx.oncomplete = () => resolve();
    tx.onerror = () => resolve();
    tx.onabort = () => resolve();
  });
}

/**
 * The copy of a room's Y.Doc kept in this browser's IndexedDB (y-indexeddb), so edits made
 * without a connection survive a reload and merge on reconnect. Every update of the doc is
 * stored; loading replays them into the doc with this object as the transaction origin.
 * {@link allStored} says whether every change made here has reached IndexedDB, which is what
 * "kept on this device" may promise.
 */
export class LocalDraft {
  private readonly persistence: IndexeddbPersistence;
  private closed = false;
  private changes = 0;
  private stored = 0;
  private checking = false;
  private unavailable = false;

  constructor(
    readonly room: string,
    doc: Y.Doc,
    private readonly onStored: () => void = () => {},
  ) {
    this.persistence = new IndexeddbPersistence(localDraftName(room), doc);
    // Registered after y-indexeddb's own listener, so its write is queued first.
    doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === this.persistence || this.closed) return;
      this.changes++;
      if (!this.checking) this.checkStored();
    });
  }

  /**
   * Confirms the changes made so far are in IndexedDB, one check at a time: while one runs,
   * further changes wait for the next, so fast typing costs one check per write burst rather
   * than one per keystroke.
   */
  private checkStored(): void {
    this.checking = true;
    const upTo = this.changes;
    this.persistence._db.then(afterEarlierWrites).then(
      () => {
        this.checking = false;
        this.stored = upTo;
        if (this.allStored) this.onStored();
        else if (!this.closed) this.checkStored();
      },
      () => {
        this.checking = false;
        this.unavailable = true;
        this.onStored();
      },
    );
  }

  /** Every change made in this tab has reached IndexedDB (false while a write is in flight). */
  get allStored(): boolean {
    return !this.unavailable && this.stored === this.changes;
  }

  /** IndexedDB could not be opened (some private windows): nothing is kept on this device. */
  get isUnavailable(): boolean {
    return this.unavailable;
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

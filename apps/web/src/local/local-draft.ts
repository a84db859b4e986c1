import { deleteDB } from 'lib0/indexeddb';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';

/** Name of the IndexedDB database that keeps one room's draft in this browser. */
export function localDraftName(room: string): string {
  return `plenary.draft.${room}`;
}

/**
 * How long the doc's updates gather before they are written to IndexedDB as one: a burst of
 * typing, local or remote, costs one write, made outside the task that applied the keystroke.
 */
export const STORE_DELAY_MS = 100;

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
 * stored: the updates of {@link STORE_DELAY_MS} are merged and written as one, and at once when
 * the page is hidden or closed or the copy is closed; loading replays them into the doc with
 * this object as the transaction origin. {@link allStored} says whether every change made here
 * has reached IndexedDB, which is what "kept on this device" may promise.
 */
export class LocalDraft {
  private readonly persistence: IndexeddbPersistence;
  private closed = false;
  private changes = 0;
  private stored = 0;
  private checking = false;
  private unavailable = false;
  private gathered: Uint8Array[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly flushNow = () => this.flush();

  constructor(
    readonly room: string,
    doc: Y.Doc,
    private readonly onStored: () => void = () => {},
  ) {
    this.persistence = new IndexeddbPersistence(localDraftName(room), doc);
    // y-indexeddb writes each update in its own transaction, on the task that made it: the
    // updates are gathered here instead and handed to it merged.
    doc.off('update', this.persistence._storeUpdate);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this.persistence || this.closed) return;
      this.changes++;
      this.gathered.push(update);
      this.flushTimer ??= setTimeout(this.flushNow, STORE_DELAY_MS);
    });
    globalThis.addEventListener?.('pagehide', this.flushNow);
  }

  /** Writes the gathered updates as one, then confirms they are stored. */
  private flush(): void {
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.gathered.length === 0) return;
    const updates = this.gathered;
    this.gathered = [];
    this.persistence._storeUpdate(updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates), null);
    if (!this.checking) this.checkStored();
  }

  /**
   * Confirms the changes made so far are in IndexedDB, one check at a time: while one runs,
   * further changes wait for the next, so fast typing costs one check per write burst rather
   * than one per keystroke.
   */
  private checkStored(): void {
    this.checking = true;
    // Changes still gathered are not written yet: the check confirms only those handed on.
    const upTo = this.changes - this.gathered.length;
    this.persistence._db.then(afterEarlierWrites).then(
      () => {
        this.checking = false;
        this.stored = upTo;
        if (this.allStored) this.onStored();
        else if (!this.closed && this.stored < this.changes - this.gathered.length) this.checkStored();
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
    this.flush();
    this.closed = true;
    globalThis.removeEventListener?.('pagehide', this.flushNow);
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

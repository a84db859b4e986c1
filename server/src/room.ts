import { CloseCode, type SuggestionRecord } from '@plenary/protocol';
import type { Logger } from 'pino';
import type * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Authorship } from './authorship.js';
import { CommitQueue } from './commit-queue.js';
import type { Limits } from './config.js';
import { CloseError } from './errors.js';
import { binaryFrame, type WireFrame } from './frame.js';
import { encodeIntegrated, pendingBytes } from './integrated-state.js';
import { LOAD_ORIGIN, type TransactionOrigin } from './origin.js';
import { RoomAwareness } from './room-awareness.js';
import { type LoadedDoc, loadAuthorship, loadDoc, type UndecodedState } from './room-loading.js';
import type { RoomMember } from './room-member.js';
import { Snapshots } from './snapshots.js';
import type { Provenance, RoomSettings, Storage } from './storage/storage.js';
import { SuggestionBook } from './suggestions/suggestion-book.js';
import { encodeSyncStep2Message } from './sync-messages.js';
import { applyClientWrite, mayOwnClientId, type WriteTarget } from './update-path.js';

export interface RoomDeps {
  readonly storage: Storage;
  readonly limits: Limits;
  readonly logger: Logger;
}

/**
 * One draft under negotiation: its Y.Doc, awareness and members, and the update path of
 * DESIGN §4 (apply with the emitted update buffered → commit → broadcast → acknowledge).
 * The room knows its connections only as {@link RoomMember}s; `M` is what its members are.
 *
 * Invariant: every update a client can receive (by broadcast or in a sync step 2) is stored.
 * Writes are applied to the document at once but broadcast only after their commit, and sync
 * step 2 answers wait until nothing applied is uncommitted.
 */
export class Room<M extends RoomMember = RoomMember> {
  readonly connections = new Set<M>();
  private readonly presence: RoomAwareness;
  private readonly snapshots: Snapshots;
  private readonly commits: CommitQueue;
  private readonly writes: WriteTarget;
  private reloading: Promise<void> | null = null;
  private fullState: Uint8Array | null = null;
  /** The sync step 2 frame around `fullState`, for as long as `fullState` is that state. */
  private fullStep2: { readonly state: Uint8Array; readonly frame: WireFrame } | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  /** Set once the room starts unloading or failed; a closed room accepts nothing. */
  closed = false;
  /** The room's suggestion records and where their marks sit (`suggestions/`). */
  readonly suggestions: SuggestionBook;

  /**
   * The document, once decoded. A room loaded from one snapshot starts undecoded: fresh joins are
   * answered with the stored bytes, and the document is decoded when first needed (a write, a
   * join with a state of its own, an export), so the first client of a cold room is not kept
   * waiting for a decode it does not need.
   */
  private docValue: Y.Doc | null;
  private undecoded: UndecodedState | null;

  private constructor(
    readonly id: string,
    loaded: LoadedDoc,
    /** Which author each Yjs client id writing here belongs to (DESIGN §3). */
    private readonly authorship: Authorship,
    private readonly deps: RoomDeps,
    /** The room's settings as last stored; `noteSettings` keeps them current. */
    private settings: RoomSettings,
    suggestions: readonly SuggestionRecord[],
  ) {
    this.suggestions = new SuggestionBook(
      { room: id, storage: deps.storage, logger: deps.logger, members: this.connections },
      suggestions,
    );
    const { stored } = loaded;
    this.docValue = loaded.doc;
    this.undecoded = loaded.undecoded;
    this.fullState = stored.fullState;
    this.snapshots = new Snapshots(id, deps, stored);
    this.commits = new CommitQueue({
      room: id,
      storage: deps.storage,
      logger: deps.logger,
      members: this.connections,
      snapshots: this.snapshots,
      fullState: () => this.encodedFullState(),
      isClosed: () => this.closed,
      fail: () => this.fail(),
    });
    this.writes = {
      room: id,
      limits: deps.limits,
      logger: deps.logger,
      authorship,
      estimatedBytes: () => this.estimatedBytes,
      doc: () => this.doc,
      suggestions: this.suggestions,
      mode: () => this.settings.mode,
    };
    this.presence = new RoomAwareness(this.connections);
  }

  /** Loads a room from storage. Throws `RoomLoadError` rather than opening empty over a failure. */
  static async load<M extends RoomMember = RoomMember>(id: string, deps: RoomDeps): Promise<Room<M>> {
    // Bindings first: a failed read then leaves no document behind.
    const authorship = await loadAuthorship(id, deps);
    const [settings, suggestions] = await Promise.all([
      deps.storage.getRoomSettings(id),
      deps.storage.listSuggestions(id),
    ]);
    return new Room<M>(id, await loadDoc(id, deps.storage), authorship, deps, settings, suggestions);
  }

  /** Takes changed settings into effect: the next write is checked under them (formal mode). */
  noteSettings(settings: RoomSettings): void {
    this.settings = settings;
  }

  /**
   * Changes the document on the server's own behalf (a suggestion decided): `change` runs in one
   * transaction with a server origin; what it emits is queued with the clients' writes under
   * `provenance`, stored, then broadcast to every member. Resolves once stored; rejects when the
   * room is closed or storing fails. A change that changes nothing resolves at once.
   */
  async applyServerChange(reason: string, provenance: Provenance, change: (doc: Y.Doc) => void): Promise<void> {
    while (this.reloading) await this.reloading;
    if (this.closed) throw new CloseError(CloseCode.unavailable, 'room unavailable; retry');
    const doc = this.doc;
    const emitted: Uint8Array[] = [];
    const changed = new Set<object>();
    const capture = (u: Uint8Array) => {
      emitted.push(u);
    };
    const noteChanged = (transaction: Y.Transaction) => {
      for (const type of transaction.changed.keys()) changed.add(type);
    };
    const origin: TransactionOrigin = { kind: 'server', reason };
    doc.on('update', capture);
    doc.on('afterTransaction', noteChanged);
    try {
      doc.transact(() => change(doc), origin);
    } finally {
      doc.off('update', capture);
      doc.off('afterTransaction', noteChanged);
    }
    this.suggestions.noteWrite(doc, null, new Map(), changed);
    if (emitted.length === 0) return;
    const update = emitted.length === 1 ? (emitted[0] as Uint8Array) : Y.mergeUpdates(emitted);
    this.fullState = null;
    this.snapshots.noteApplied(update.length);
    await this.commits.queueServerWrite(update, provenance);
  }

  /** The room's awareness: presence and cursors of its members. */
  get awareness(): awarenessProtocol.Awareness {
    return this.presence.awareness;
  }

  /** The live document, decoded on first use. Replaced when the room reloads after a failed apply. */
  get doc(): Y.Doc {
    if (this.docValue === null) this.docValue = this.decode();
    return this.docValue;
  }

  /** The state vector the server announces in its sync step 1, read without decoding. */
  stateVector(): Uint8Array {
    if (this.docValue === null && this.undecoded) return this.undecoded.stateVector;
    return Y.encodeStateVector(this.doc);
  }

  /**
   * Decodes the stored snapshot. The snapshot is kept until the decode succeeded, so a room that
   * failed (or unloaded) and is read again decodes or fails again, never shows an empty document.
   */
  private decode(): Y.Doc {
    const doc = new Y.Doc({ gc: true });
    const update = this.undecoded?.update;
    try {
      if (update) Y.applyUpdate(doc, update, LOAD_ORIGIN);
      this.undecoded = null;
    } catch (error) {
      // It parsed when the room loaded; failing to integrate now leaves nothing to serve.
      doc.destroy();
      this.deps.logger.error({ room: this.id, err: error }, 'stored document failed to decode; closing room');
      this.fail();
      throw new CloseError(CloseCode.unavailable, 'room unavailable; retry');
    }
    return doc;
  }

  /**
   * Estimated size of the document: the snapshot plus every update stored or applied since, plus
   * what Yjs holds back waiting for missing dependencies (kept in memory, so it counts too).
   */
  get estimatedBytes(): number {
    return this.snapshots.logBytes + (this.docValue ? pendingBytes(this.docValue) : 0);
  }

  /** Adds a connection and cancels a pending unload. */
  join(connection: M): void {
    this.connections.add(connection);
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
  }

  /** Removes a connection and its awareness states; schedules the unload when the room is empty. */
  leave(connection: M, onIdle: () => void, idleMs: number): void {
    if (!this.connections.delete(connection)) return;
    this.presence.removeMember(connection);
    if (this.connections.size === 0 && !this.closed) {
      this.idleTimer = setTimeout(onIdle, idleMs);
      this.idleTimer.unref?.();
    }
  }

  /**
   * Whether `connection` may take `clientId` as its own: no connection of another author has
   * taken it, and no other author writes the document under it (see `update-path.ts`).
   */
  mayOwnClientId(clientId: number, connection: M): boolean {
    return mayOwnClientId(clientId, connection, this.connections, this.authorship);
  }

  /** Resolves once every applied write is committed (and no reload is in progress). */
  async whenSettled(): Promise<void> {
    while (this.commits.flushing || this.reloading) {
      await (this.commits.flushing ?? this.reloading);
    }
  }

  /**
   * The whole document encoded once nothing applied is uncommitted: the state a revision is cut
   * from. What Yjs holds back waiting for missing dependencies is left out (it is not the draft
   * anyone sees). Read synchronously after settling, so no write slips in between.
   */
  async settledState(): Promise<Uint8Array> {
    await this.whenSettled();
    return this.encodedFullState();
  }

  /**
   * The encoded document for a client whose state vector is `stateVector`. A client with an empty
   * state vector (a fresh join) gets the full state, encoded once per change and shared.
   */
  async encodeStateFor(stateVector: Uint8Array): Promise<Uint8Array> {
    return (await this.stateFor(stateVector)).update;
  }

  /**
   * The sync step 2 frame answering a step 1 with `stateVector`. For fresh joins the frame is
   * encoded once per change of the document and the same bytes go to every joiner: a join
   * storm on a large document then encodes and copies nothing per client.
   */
  async syncStep2For(stateVector: Uint8Array): Promise<WireFrame> {
    const { update, shared } = await this.stateFor(stateVector);
    if (!shared) return binaryFrame(encodeSyncStep2Message(update));
    if (this.fullStep2?.state !== update) {
      this.fullStep2 = { state: update, frame: binaryFrame(encodeSyncStep2Message(update)) };
    }
    return this.fullStep2.frame;
  }

  private async stateFor(stateVector: Uint8Array): Promise<{ update: Uint8Array; shared: boolean }> {
    await this.whenSettled();
    const decoded = Y.decodeStateVector(stateVector);
    if (decoded.size === 0) return { update: this.encodedFullState(), shared: true };
    return { update: encodeIntegrated(this.doc, stateVector), shared: false };
  }

  /** The whole document encoded, once per change of it. */
  private encodedFullState(): Uint8Array {
    this.fullState ??= encodeIntegrated(this.doc);
    return this.fullState;
  }

  /**
   * Applies one document write from `connection` (`update-path.ts`). The update the document
   * emits is buffered and queued for commit (`commit-queue.ts`); it is broadcast only after
   * storage has it. An update that throws while applying may have changed the document
   * half-way: its buffer is discarded, the sender is closed, and the room reloads from storage,
   * so no client ever sees a partial update.
   *
   * Returns false when the write was refused (the connection is then being closed).
   */
  applyWrite(connection: M, update: Uint8Array): boolean {
    if (this.closed) return false;
    if (this.reloading) {
      // Apply after the reload, in arrival order (promise callbacks run in registration order).
      void this.reloading.then(() => {
        if (connection.isOpen) this.applyWrite(connection, update);
      });
      return true;
    }
    const outcome = applyClientWrite(this.writes, connection, update);
    if (outcome.kind === 'refused') return false;
    if (outcome.kind === 'failed') {
      this.reload();
      return false;
    }
    if (outcome.update) {
      this.fullState = null;
      this.snapshots.noteApplied(outcome.update.length);
    }
    this.commits.queue(connection, outcome.update);
    return true;
  }

  /**
   * Replaces the document with a fresh copy from storage after a failed apply. Pending commits
   * finish first so the stored copy holds everything already accepted; writes arriving meanwhile
   * are applied to the fresh copy afterwards, in order.
   */
  private reload(): void {
    if (this.reloading) return;
    this.reloading = (async () => {
      while (this.commits.flushing) await this.commits.flushing;
      try {
        const loaded = await loadDoc(this.id, this.deps.storage);
        const { stored } = loaded;
        const old = this.docValue;
        this.docValue = loaded.doc;
        this.undecoded = loaded.undecoded;
        this.fullState = stored.fullState;
        this.snapshots.reset(stored);
        this.suggestions.resetIndex();
        old?.destroy();
      } catch (error) {
        this.deps.logger.error({ room: this.id, err: error }, 'reload failed; closing room');
        this.fail();
      }
    })().finally(() => {
      this.reloading = null;
    });
  }

  /** The room can no longer guarantee durability: close every connection with a retry. */
  private fail(): void {
    this.closed = true;
    this.commits.clear();
    for (const connection of this.connections)
      connection.close(CloseCode.unavailable, 'room storage failed; reconnect');
    this.onFail?.();
  }

  /** Called when the room fails; the registry forgets it so the next join loads it afresh. */
  onFail: (() => void) | null = null;

  /** Commits everything, compacts the log, and releases memory. Used on idle unload and shutdown. */
  async unload(): Promise<void> {
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    // Drain what is still pending even though the room is closed to new writes.
    while (this.commits.flushing || this.reloading) await (this.commits.flushing ?? this.reloading);
    await this.commits.commitRemaining();
    await this.commits.compact(true);
    this.presence.destroy();
    this.docValue?.destroy();
    this.fullState = null;
    this.fullStep2 = null;
  }
}

import { CloseCode, type PositionRecords, type SuggestionRecord } from '@plenary/protocol';
import type { Logger } from 'pino';
import type * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { type Authorship, authorKey } from './authorship.js';
import { broadcast } from './broadcast.js';
import { claimInDatabase, unboundClients } from './cluster/client-claims.js';
import type { ClusterLink } from './cluster/cluster-link.js';
import { SeqTracker } from './cluster/seq-tracker.js';
import { CommitQueue } from './commit-queue.js';
import type { Limits } from './config.js';
import { CloseError } from './errors.js';
import { binaryFrame, type WireFrame } from './frame.js';
import { encodeIntegrated, pendingBytes } from './integrated-state.js';
import { LOAD_ORIGIN, REMOTE_ORIGIN, type TransactionOrigin } from './origin.js';
import { PositionBook } from './positions/position-book.js';
import { RoomAwareness } from './room-awareness.js';
import { type LoadedDoc, loadAuthorship, loadDoc, type UndecodedState } from './room-loading.js';
import type { RoomMember } from './room-member.js';
import { Snapshots } from './snapshots.js';
import type { PositionChanges, Provenance, RoomSettings, Storage } from './storage/storage.js';
import { SuggestionBook } from './suggestions/suggestion-book.js';
import { encodeSyncStep2Message, encodeUpdateMessage } from './sync-messages.js';
import { applyClientWrite, mayOwnClientId, type WriteTarget } from './update-path.js';

export interface RoomDeps {
  readonly storage: Storage;
  readonly limits: Limits;
  readonly logger: Logger;
  /** Set when several processes serve the room (`cluster/`): told what this one stores. */
  readonly cluster?: ClusterLink | null;
}

/** Updates read per page when the room catches up with the database. */
const CATCH_UP_PAGE = 500;
/** How long a gap in the updates held may stay before they are read from the database. */
const GAP_REPAIR_DELAY_MS = 100;

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
  /** While set, writes wait: the database is binding client ids one of them writes under. */
  private claiming: Promise<void> | null = null;
  /** Which stored updates the document holds, when other processes store updates too. */
  private readonly seqs: SeqTracker | null;
  private catchingUp: Promise<void> | null = null;
  private repairTimer: NodeJS.Timeout | null = null;
  private fullState: Uint8Array | null = null;
  /** The sync step 2 frame around `fullState`, for as long as `fullState` is that state. */
  private fullStep2: { readonly state: Uint8Array; readonly frame: WireFrame } | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  /** Set once the room starts unloading or failed; a closed room accepts nothing. */
  closed = false;
  /** The room's suggestion records and where their marks sit (`suggestions/`). */
  readonly suggestions: SuggestionBook;
  /** The room's position records: proposers, stances, statuses, picks (`positions/`). */
  readonly positions: PositionBook;

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
    positions: PositionRecords,
  ) {
    const cluster = deps.cluster ?? null;
    this.positions = new PositionBook(
      {
        room: id,
        storage: deps.storage,
        logger: deps.logger,
        members: this.connections,
        ...(cluster
          ? { onStored: (changes: PositionChanges) => this.afterCommits(() => cluster.positions(id, changes)) }
          : {}),
      },
      positions,
    );
    this.suggestions = new SuggestionBook(
      {
        room: id,
        storage: deps.storage,
        logger: deps.logger,
        members: this.connections,
        ...(cluster
          ? {
              onStored: (records: readonly SuggestionRecord[]) =>
                this.afterCommits(() => cluster.suggestions(id, records)),
            }
          : {}),
      },
      suggestions,
    );
    const { stored } = loaded;
    this.seqs = cluster ? new SeqTracker(stored.lastSeq) : null;
    this.docValue = loaded.doc;
    this.undecoded = loaded.undecoded;
    this.fullState = stored.fullState;
    const seqs = this.seqs;
    this.snapshots = new Snapshots(id, deps, stored, seqs ? () => seqs.contiguous : null);
    this.commits = new CommitQueue({
      room: id,
      storage: deps.storage,
      logger: deps.logger,
      members: this.connections,
      snapshots: this.snapshots,
      fullState: () => this.encodedFullState(),
      isClosed: () => this.closed,
      fail: () => this.fail(),
      ...(cluster
        ? {
            onStored: (first: number, last: number, updates: readonly Uint8Array[]) =>
              this.stored(first, last, updates),
          }
        : {}),
    });
    this.writes = {
      room: id,
      limits: deps.limits,
      logger: deps.logger,
      authorship,
      estimatedBytes: () => this.estimatedBytes,
      doc: () => this.doc,
      suggestions: this.suggestions,
      positions: this.positions,
      mode: () => this.settings.mode,
    };
    this.presence = new RoomAwareness(this.connections, cluster ? (update) => cluster.awareness(id, update) : null);
  }

  /** Loads a room from storage. Throws `RoomLoadError` rather than opening empty over a failure. */
  static async load<M extends RoomMember = RoomMember>(id: string, deps: RoomDeps): Promise<Room<M>> {
    // Bindings first: a failed read then leaves no document behind.
    const authorship = await loadAuthorship(id, deps);
    const [settings, suggestions, positions] = await Promise.all([
      deps.storage.getRoomSettings(id),
      deps.storage.listSuggestions(id),
      deps.storage.listPositions(id),
    ]);
    return new Room<M>(id, await loadDoc(id, deps.storage), authorship, deps, settings, suggestions, positions);
  }

  /**
   * Runs `publish` once the writes queued so far are stored (at once when none is pending): a
   * record of a suggestion or a position reaches the other processes of a cluster after the
   * update that brought it in, never before, so a decision taken there on the record finds its
   * text in the document (docs/SCALING.md).
   */
  private afterCommits(publish: () => void): void {
    const flushing = this.commits.flushing;
    if (flushing) flushing.then(publish, publish);
    else publish();
  }

  /** Takes changed settings into effect: the next write is checked under them (formal mode). */
  noteSettings(settings: RoomSettings): void {
    this.settings = settings;
  }

  /**
   * Changes the document on the server's own behalf (a suggestion decided): `change` runs in one
   * transaction with a server origin; what it emits is queued with the clients' writes under
   * `provenance`, stored, then broadcast to every member. Resolves with what `change` returned
   * once stored; rejects when the room is closed, storing fails or `change` throws (before
   * changing anything, it changes nothing). A change that changes nothing resolves at once.
   *
   * `change` must find what it changes in the `doc` it is given, never in one read before: the
   * room may have reloaded its document from storage while this waited (docs/ARCHITECTURE.md
   * "Chair operations"), and a change to the old copy would be lost.
   */
  async applyServerChange<T>(reason: string, provenance: Provenance, change: (doc: Y.Doc) => T): Promise<T> {
    while (this.reloading) await this.reloading;
    // Decided on the newest stored document, whichever process stored it.
    await this.catchUp();
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
    const outcome: { value?: T } = {};
    try {
      doc.transact(() => {
        outcome.value = change(doc);
      }, origin);
    } finally {
      doc.off('update', capture);
      doc.off('afterTransaction', noteChanged);
    }
    const value = outcome.value as T;
    this.suggestions.noteWrite(doc, null, new Map(), changed);
    if (emitted.length === 0) return value;
    const update = emitted.length === 1 ? (emitted[0] as Uint8Array) : Y.mergeUpdates(emitted);
    this.fullState = null;
    this.snapshots.noteApplied(update.length);
    await this.commits.queueServerWrite(update, provenance);
    return value;
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
    const waiting = this.reloading ?? this.claiming;
    if (waiting) {
      // Apply after the reload or the claim, in arrival order (promise callbacks run in
      // registration order, and a write that waits again waits behind the ones before it).
      void waiting.then(() => {
        if (connection.isOpen) this.applyWrite(connection, update);
      });
      return true;
    }
    if (this.seqs && this.claimFirst(connection, update)) return true;
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
        this.seqs?.reset(loaded.stored.lastSeq);
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

  /**
   * When several processes serve the room, a write under a client id nobody is bound to here
   * waits for the database to bind it (first binding wins there, whichever process stored it):
   * it then goes through the rules with the database's answer. Returns whether the write waits.
   */
  private claimFirst(connection: M, update: Uint8Array): boolean {
    let unbound: number[] | null;
    try {
      unbound = unboundClients(this.doc, update, this.authorship);
    } catch {
      // The document failed to decode; the write path closes the sender.
      return false;
    }
    if (!unbound || unbound.length === 0) return false;
    const author = authorKey(connection.identity);
    this.claiming = claimInDatabase(this.deps.storage, this.id, author, unbound)
      .then((bound) => this.authorship.adopt(bound))
      .catch((error: unknown) => {
        this.deps.logger.error({ room: this.id, err: error }, 'binding client ids failed; closing room');
        this.fail();
      })
      .finally(() => {
        this.claiming = null;
      });
    void this.claiming.then(() => {
      if (connection.isOpen) this.applyWrite(connection, update);
    });
    return true;
  }

  /** This process stored updates `first..last`: noted as held, and published to the others. */
  private stored(first: number, last: number, updates: readonly Uint8Array[]): void {
    if (!this.seqs) return;
    this.seqs.mark(first, last);
    if (this.seqs.hasGap) this.scheduleRepair();
    const merged = updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates([...updates]);
    this.deps.cluster?.stored(this.id, first, last, merged);
  }

  /**
   * Takes updates `first..last` that another process stored: applied to the document and sent to
   * every member here. A gap before them is read from the database shortly after, unless the
   * updates in it arrive first.
   */
  receiveStored(first: number, last: number, update: Uint8Array): void {
    if (!this.seqs || this.closed) return;
    if (this.reloading) {
      void this.reloading.then(() => this.receiveStored(first, last, update));
      return;
    }
    if (last <= this.seqs.contiguous) return;
    if (!this.integrate(update)) return;
    this.seqs.mark(first, last);
    if (this.seqs.hasGap) this.scheduleRepair();
  }

  /** Applies presence another process's clients published, and passes it on to the members here. */
  receiveAwareness(update: Uint8Array): void {
    if (this.closed) return;
    try {
      this.presence.applyRemote(update);
    } catch (error) {
      this.deps.logger.warn({ room: this.id, err: error }, 'presence from another process did not apply');
    }
  }

  /** The stored `seq` up to which the document holds every update (0 outside a cluster). */
  get heldThrough(): number {
    return this.seqs?.contiguous ?? 0;
  }

  /**
   * Reads what the database holds beyond the updates this document holds, applies it and sends
   * it to the members here: how a lost message or a Redis outage is repaired. One at a time.
   */
  catchUp(): Promise<void> {
    const seqs = this.seqs;
    if (!seqs || this.closed) return Promise.resolve();
    this.catchingUp ??= (async () => {
      try {
        for (;;) {
          while (this.reloading) await this.reloading;
          if (this.closed) return;
          const after = seqs.contiguous;
          const page = await this.deps.storage.readUpdates(this.id, after, CATCH_UP_PAGE);
          if (this.closed || page.length === 0) return;
          if (this.reloading || seqs.contiguous !== after) continue;
          const first = (page[0] as { seq: number }).seq;
          const last = (page[page.length - 1] as { seq: number }).seq;
          if (
            !this.integrate(
              page.length === 1
                ? (page[0] as { update: Uint8Array }).update
                : Y.mergeUpdates(page.map((u) => u.update)),
            )
          )
            return;
          seqs.mark(first, last);
          if (page.length < CATCH_UP_PAGE) return;
        }
      } catch (error) {
        this.deps.logger.warn({ room: this.id, err: error }, 'catching up with the database failed; retried later');
      } finally {
        this.catchingUp = null;
      }
    })();
    return this.catchingUp;
  }

  private scheduleRepair(): void {
    if (this.repairTimer || this.closed) return;
    this.repairTimer = setTimeout(() => {
      this.repairTimer = null;
      if (this.seqs?.hasGap) void this.catchUp();
    }, GAP_REPAIR_DELAY_MS);
    this.repairTimer.unref?.();
  }

  /**
   * Applies a stored update from elsewhere and broadcasts it to every member here. Returns false
   * when it did not apply (the room then reloads from storage).
   */
  private integrate(update: Uint8Array): boolean {
    let doc: Y.Doc;
    try {
      doc = this.doc;
    } catch {
      return false;
    }
    const changed = new Set<object>();
    const noteChanged = (transaction: Y.Transaction) => {
      for (const type of transaction.changed.keys()) changed.add(type);
    };
    doc.on('afterTransaction', noteChanged);
    try {
      Y.applyUpdate(doc, update, REMOTE_ORIGIN);
    } catch (error) {
      this.deps.logger.error({ room: this.id, err: error }, 'a stored update did not apply; reloading room');
      this.reload();
      return false;
    } finally {
      doc.off('afterTransaction', noteChanged);
    }
    this.fullState = null;
    this.snapshots.noteApplied(update.length);
    this.suggestions.noteWrite(doc, null, new Map(), changed, true);
    broadcast(this.connections, encodeUpdateMessage(update), null);
    return true;
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
    if (this.repairTimer) clearTimeout(this.repairTimer);
    while (this.catchingUp) await this.catchingUp;
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

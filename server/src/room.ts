import { CloseCode, MessageType, SyncMessageType } from '@plenary/protocol';
import * as encoding from 'lib0/encoding';
import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { Authorship, authorOf } from './authorship.js';
import type { Limits } from './config.js';
import type { Connection } from './connection.js';
import { CloseError, RoomLoadError, TooLargeError } from './errors.js';
import { binaryFrame, joinFrames, type WireFrame } from './frame.js';
import { LOAD_ORIGIN, type TransactionOrigin } from './origin.js';
import { checkDocumentWrite } from './rules.js';
import type { Provenance, Storage } from './storage/storage.js';

/** Take a snapshot once this many updates were appended since the last one… */
const SNAPSHOT_EVERY_UPDATES = 10_000;
/** …or once the log since the last snapshot is larger than this and than the snapshot. */
const SNAPSHOT_MIN_BYTES = 1024 * 1024;

/** A write applied to the document and waiting for its commit to storage. */
interface PendingWrite {
  readonly connection: Connection | null;
  /** What the document emitted, or null when the write changed nothing. */
  readonly update: Uint8Array | null;
  readonly provenance: Provenance;
  /** The connection's count of accepted writes including this one (for its ack). */
  readonly writeNumber: number;
}

export interface RoomDeps {
  readonly storage: Storage;
  readonly limits: Limits;
  readonly logger: Logger;
}

/** Encodes a sync `update` message around `update`. */
export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, SyncMessageType.update);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Encodes a sync step 2 message around `update`. */
export function encodeSyncStep2Message(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, SyncMessageType.step2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Encodes an awareness message for `clients` (all current states when omitted). */
export function encodeAwarenessMessage(awareness: awarenessProtocol.Awareness, clients?: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(
    encoder,
    awarenessProtocol.encodeAwarenessUpdate(awareness, clients ?? [...awareness.getStates().keys()]),
  );
  return encoding.toUint8Array(encoder);
}

/**
 * One draft under negotiation: its Y.Doc, awareness and connections, and the update path of
 * DESIGN §4 (apply with the emitted update buffered → commit → broadcast → acknowledge).
 *
 * Invariant: every update a client can receive (by broadcast or in a sync step 2) is stored.
 * Writes are applied to the document at once but broadcast only after their commit, and sync
 * step 2 answers wait until nothing applied is uncommitted.
 */
export class Room {
  readonly connections = new Set<Connection>();
  readonly awareness: awarenessProtocol.Awareness;
  /** Which author each Yjs client id writing here belongs to (DESIGN §3). */
  authorship = new Authorship();
  private pending: PendingWrite[] = [];
  private flushLoop: Promise<void> | null = null;
  /**
   * Set when a commit's broadcast (one that wrote to a socket) ends, cleared once the event loop
   * has passed the next poll for I/O after it was set: writes read meanwhile most likely arrived
   * while that broadcast was written. A broadcast while it is set does not extend it.
   */
  private afterBroadcast = false;
  private reloading: Promise<void> | null = null;
  private fullState: Uint8Array | null = null;
  /** The sync step 2 frame around `fullState`, for as long as `fullState` is that state. */
  private fullStep2: { readonly state: Uint8Array; readonly frame: WireFrame } | null = null;
  private lastSeq: number;
  private updatesSinceSnapshot: number;
  private bytesSinceSnapshot: number;
  private snapshotBytes: number;
  private idleTimer: NodeJS.Timeout | null = null;
  /** Set once the room starts unloading or failed; a closed room accepts nothing. */
  closed = false;

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
    private readonly deps: RoomDeps,
  ) {
    const { stored } = loaded;
    this.docValue = loaded.doc;
    this.undecoded = loaded.undecoded;
    this.fullState = stored.fullState;
    this.lastSeq = stored.lastSeq;
    this.updatesSinceSnapshot = stored.updatesSinceSnapshot;
    this.bytesSinceSnapshot = stored.bytesSinceSnapshot;
    this.snapshotBytes = stored.snapshotBytes;
    this.awareness = new awarenessProtocol.Awareness(new Y.Doc());
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** Loads a room from storage. Throws `RoomLoadError` rather than opening empty over a failure. */
  static async load(id: string, deps: RoomDeps): Promise<Room> {
    // Bindings first: a failed read then leaves no document behind.
    const authorship = await loadAuthorship(id, deps);
    const room = new Room(id, await loadDoc(id, deps.storage), deps);
    room.authorship = authorship;
    return room;
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
    return this.snapshotBytes + this.bytesSinceSnapshot + (this.docValue ? pendingBytes(this.docValue) : 0);
  }

  /** Adds a connection and cancels a pending unload. */
  join(connection: Connection): void {
    this.connections.add(connection);
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
  }

  /** Removes a connection and its awareness states; schedules the unload when the room is empty. */
  leave(connection: Connection, onIdle: () => void, idleMs: number): void {
    if (!this.connections.delete(connection)) return;
    // A client that reconnected before its old socket was noticed gone shares its client id
    // with the new connection; that state stays.
    const ids = [...connection.awarenessClients].filter((id) => !this.ownedElsewhere(id, connection));
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, connection);
    if (this.connections.size === 0 && !this.closed) {
      this.idleTimer = setTimeout(onIdle, idleMs);
      this.idleTimer.unref?.();
    }
  }

  /**
   * Whether `connection` may take `clientId` as its own: no connection of another author has
   * taken it, and no other author writes the document under it. The same author may take it on
   * a second connection (a reconnect seen before the old socket's close).
   */
  mayOwnClientId(clientId: number, connection: Connection): boolean {
    for (const other of this.connections) {
      if (other !== connection && other.ownClientId === clientId && other.authorKey !== connection.authorKey) {
        return false;
      }
    }
    const writer = this.authorship.ownerOf(clientId);
    return writer === undefined || writer === connection.authorKey;
  }

  /** Whether another connection than `connection` has taken `clientId` as its own. */
  private ownedElsewhere(clientId: number, connection: Connection): boolean {
    for (const other of this.connections) if (other !== connection && other.ownClientId === clientId) return true;
    return false;
  }

  /** Resolves once every applied write is committed (and no reload is in progress). */
  async whenSettled(): Promise<void> {
    while (this.flushLoop || this.reloading) {
      await (this.flushLoop ?? this.reloading);
    }
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
    if (decoded.size === 0) {
      this.fullState ??= encodeIntegrated(this.doc);
      return { update: this.fullState, shared: true };
    }
    return { update: encodeIntegrated(this.doc, stateVector), shared: false };
  }

  /**
   * Applies one document write from `connection`. The update the document emits is buffered and
   * queued for commit; it is broadcast only after storage has it. An update that throws while
   * applying may have changed the document half-way: its buffer is discarded, the sender is
   * closed, and the room reloads from storage, so no client ever sees a partial update.
   *
   * Returns false when the write was refused (the connection is then being closed).
   */
  applyWrite(connection: Connection, update: Uint8Array): boolean {
    if (this.closed) return false;
    if (this.reloading) {
      // Apply after the reload, in arrival order (promise callbacks run in registration order).
      void this.reloading.then(() => {
        if (connection.isOpen) this.applyWrite(connection, update);
      });
      return true;
    }
    if (isEmptyUpdate(update)) {
      // A fresh client's sync step 2 (every join sends one): nothing to check or apply, but it
      // is still a write, acknowledged in order with the others.
      this.queueWrite(connection, null);
      return true;
    }
    if (this.estimatedBytes + update.length > this.deps.limits.maxDocumentBytes) {
      connection.closeWith(new TooLargeError('document over size limit'));
      return false;
    }
    try {
      connection.adoptClientIds(checkDocumentWrite(this.doc, connection.identity, update, this.authorship));
    } catch (error) {
      if (!(error instanceof CloseError)) throw error;
      connection.closeWith(error);
      return false;
    }
    const emitted: Uint8Array[] = [];
    const capture = (u: Uint8Array) => {
      emitted.push(u);
    };
    const doc = this.doc;
    const origin: TransactionOrigin = { kind: 'connection', connection };
    doc.on('update', capture);
    let failure: unknown = null;
    try {
      Y.applyUpdate(doc, update, origin);
    } catch (error) {
      failure = error;
    } finally {
      doc.off('update', capture);
    }
    if (failure !== null) {
      this.deps.logger.warn({ room: this.id, err: failure }, 'update failed to apply; reloading room');
      connection.closeMalformed('update could not be applied');
      this.reload();
      return false;
    }
    const merged =
      emitted.length === 0 ? null : emitted.length === 1 ? (emitted[0] as Uint8Array) : Y.mergeUpdates(emitted);
    if (merged) {
      this.fullState = null;
      this.bytesSinceSnapshot += merged.length;
    }
    this.queueWrite(connection, merged);
    return true;
  }

  /** Queues an accepted write (`update` null when it changed nothing) for commit and its ack. */
  private queueWrite(connection: Connection, update: Uint8Array | null): void {
    this.pending.push({
      connection,
      update,
      provenance: connection.provenance(),
      writeNumber: ++connection.writesAccepted,
    });
    this.requestFlush();
  }

  /**
   * Sends `message` to every connection in the room except `except`. The frame is built once
   * and the same bytes are written to every socket. Returns whether there was anyone to send to.
   */
  broadcast(message: Uint8Array, except: Connection | null): boolean {
    if (this.connections.size === 0 || (this.connections.size === 1 && this.connections.has(except as Connection))) {
      return false;
    }
    const frame = binaryFrame(message);
    for (const connection of this.connections) {
      if (connection !== except) connection.sendFrame(frame);
    }
    return true;
  }

  /**
   * Marks the end of a broadcast until the event loop has passed its next poll for I/O: an
   * immediate set now runs after the current poll (or, set from an immediate, after the next
   * one); the one it sets runs after the poll that follows.
   */
  private markBroadcast(): void {
    if (this.afterBroadcast) return;
    this.afterBroadcast = true;
    setImmediate(this.passNextPoll);
  }

  private readonly passNextPoll = (): void => {
    setImmediate(this.endAfterBroadcast);
  };

  private readonly endAfterBroadcast = (): void => {
    this.afterBroadcast = false;
  };

  /**
   * Broadcasts a committed batch, in order, each update to everyone but its sender. The frames
   * are built once and joined into one buffer, so every connection gets the whole batch in one
   * write; only the batch's own senders get a buffer of their own, without their frames.
   * Returns whether anything was written to a socket.
   */
  private broadcastBatch(batch: readonly PendingWrite[]): boolean {
    const updates = batch.filter((write): write is PendingWrite & { update: Uint8Array } => write.update !== null);
    const only = updates.length === 1 ? updates[0] : undefined;
    if (only) return this.broadcast(encodeUpdateMessage(only.update), only.connection);
    if (updates.length === 0) return false;
    const frames = updates.map((write) => binaryFrame(encodeUpdateMessage(write.update)));
    const all = joinFrames(frames);
    const senders = new Set(updates.map((write) => write.connection));
    let sent = false;
    for (const connection of this.connections) {
      if (!senders.has(connection)) {
        connection.sendFrame(all);
        sent = true;
        continue;
      }
      const others = frames.filter((_, index) => updates[index]?.connection !== connection);
      if (others.length === 0) continue;
      connection.sendFrame(joinFrames(others));
      sent = true;
    }
    return sent;
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = added.concat(updated, removed);
    if (changed.length === 0) return;
    const from = origin as Connection | null;
    if (from && typeof from === 'object' && 'awarenessClients' in from) {
      for (const id of added.concat(updated)) from.awarenessClients.add(id);
      for (const id of removed) from.awarenessClients.delete(id);
    }
    this.broadcast(encodeAwarenessMessage(this.awareness, changed), null);
  };

  /**
   * Commits in a microtask: after the frames of the socket read being handled (ws delivers all
   * frames of one read at once), so a burst from one socket commits together, but before the
   * event loop turns, so a lone keystroke's broadcast waits for no other socket's callbacks.
   *
   * Right after a broadcast the room is likely behind: writes from other sockets arrived while it
   * was written and are read in the same poll of the event loop. A write read then commits once
   * that poll's other sockets are read (`setImmediate`), so their writes share one commit and
   * reach every recipient in one write (`broadcastBatch`): a backlog drains in one pass over the
   * sockets instead of one pass per keystroke.
   */
  private requestFlush(): void {
    if (this.flushLoop) return;
    const turn = this.afterBroadcast ? new Promise<void>((resolve) => setImmediate(resolve)) : Promise.resolve();
    this.flushLoop = turn
      .then(() => this.drain())
      .finally(() => {
        this.flushLoop = null;
        if (this.pending.length > 0 && !this.closed) this.requestFlush();
      });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0 && !this.closed) {
      const batch = this.pending.splice(0);
      await this.commit(batch);
    }
  }

  /** Stores a batch in one transaction, then broadcasts and acknowledges it in order. */
  private async commit(batch: PendingWrite[]): Promise<void> {
    const toStore = [];
    for (const write of batch) {
      if (write.update) toStore.push({ update: write.update, ...write.provenance });
    }
    if (toStore.length > 0) {
      try {
        this.lastSeq = await this.deps.storage.appendUpdates(this.id, toStore);
      } catch (error) {
        this.deps.logger.error({ room: this.id, err: error }, 'storing updates failed; closing room');
        this.fail();
        return;
      }
      this.updatesSinceSnapshot += toStore.length;
    }
    const sent = this.broadcastBatch(batch);
    const acked = new Map<Connection, number>();
    for (const write of batch) if (write.connection) acked.set(write.connection, write.writeNumber);
    for (const [connection, stored] of acked) connection.acknowledge(stored);
    if (sent) this.markBroadcast();
    if (this.pending.length === 0) await this.maybeSnapshot();
  }

  /** Compacts the log into a snapshot when it has grown; only when nothing is uncommitted. */
  private async maybeSnapshot(force = false): Promise<void> {
    const due =
      this.updatesSinceSnapshot >= SNAPSHOT_EVERY_UPDATES ||
      (this.bytesSinceSnapshot >= SNAPSHOT_MIN_BYTES && this.bytesSinceSnapshot >= this.snapshotBytes);
    if (!(due || (force && this.updatesSinceSnapshot > 0)) || this.pending.length > 0) return;
    const seq = this.lastSeq;
    this.fullState ??= encodeIntegrated(this.doc);
    const state = this.fullState;
    try {
      await this.deps.storage.writeSnapshot(this.id, seq, state);
      this.snapshotBytes = state.length;
      this.updatesSinceSnapshot = 0;
      this.bytesSinceSnapshot = 0;
    } catch (error) {
      // The log still holds every update; a failed snapshot only delays compaction.
      this.deps.logger.warn({ room: this.id, err: error }, 'snapshot failed');
    }
  }

  /**
   * Replaces the document with a fresh copy from storage after a failed apply. Pending commits
   * finish first so the stored copy holds everything already accepted; writes arriving meanwhile
   * are applied to the fresh copy afterwards, in order.
   */
  private reload(): void {
    if (this.reloading) return;
    this.reloading = (async () => {
      while (this.flushLoop) await this.flushLoop;
      try {
        const loaded = await loadDoc(this.id, this.deps.storage);
        const { stored } = loaded;
        const old = this.docValue;
        this.docValue = loaded.doc;
        this.undecoded = loaded.undecoded;
        this.fullState = stored.fullState;
        this.lastSeq = stored.lastSeq;
        this.updatesSinceSnapshot = stored.updatesSinceSnapshot;
        this.bytesSinceSnapshot = stored.bytesSinceSnapshot;
        this.snapshotBytes = stored.snapshotBytes;
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
    this.pending = [];
    for (const connection of this.connections) connection.closeUnavailable('room storage failed; reconnect');
    this.onFail?.();
  }

  /** Called when the room fails; the registry forgets it so the next join loads it afresh. */
  onFail: (() => void) | null = null;

  /** Commits everything, compacts the log, and releases memory. Used on idle unload and shutdown. */
  async unload(): Promise<void> {
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    // Drain what is still pending even though the room is closed to new writes.
    while (this.flushLoop || this.reloading) await (this.flushLoop ?? this.reloading);
    if (this.pending.length > 0) await this.commit(this.pending.splice(0));
    await this.maybeSnapshot(true);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.docValue?.destroy();
    this.fullState = null;
    this.fullStep2 = null;
  }
}

/**
 * The room's authorship bindings as stored, persisting each new one, so that a client id bound
 * to one author stays refused to others after a restart. A failed read fails the load rather
 * than forgetting who owns what.
 */
async function loadAuthorship(id: string, deps: RoomDeps): Promise<Authorship> {
  let bound: Awaited<ReturnType<Storage['listAuthorBindings']>>;
  try {
    bound = await deps.storage.listAuthorBindings(id);
  } catch (error) {
    throw new RoomLoadError(`room ${id} authorship could not be read from storage`, { cause: error });
  }
  return new Authorship(
    bound.map((b) => [b.clientId, b.author] as const),
    (author, clients) => {
      const who = authorOf(author);
      deps.storage
        .putAuthorBindings(
          id,
          clients.map((clientId) => ({ clientId, author, ...who })),
        )
        .catch((error: unknown) => deps.logger.error({ room: id, err: error }, 'storing authorship failed'));
    },
  );
}

/** Whether `update` is the empty v1 update (no structs, no deletions): it changes nothing. */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}

/** Bytes Yjs holds in `doc` for updates whose dependencies have not arrived. */
function pendingBytes(doc: Y.Doc): number {
  return (doc.store.pendingStructs?.update.length ?? 0) + (doc.store.pendingDs?.length ?? 0);
}

/**
 * `Y.encodeStateAsUpdate` without what Yjs holds pending. An update whose dependencies are
 * missing emits nothing, so it is never stored; `Y.encodeStateAsUpdate` would still include it,
 * handing clients (and snapshots) content that storage does not have and that a hostile client
 * can make up at will. It is sent once its dependencies arrive, inside the update that
 * integrates it.
 */
function encodeIntegrated(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const store = doc.store;
  const { pendingStructs, pendingDs } = store;
  if (!pendingStructs && !pendingDs) return Y.encodeStateAsUpdate(doc, stateVector);
  store.pendingStructs = null;
  store.pendingDs = null;
  try {
    return Y.encodeStateAsUpdate(doc, stateVector);
  } finally {
    store.pendingStructs = pendingStructs;
    store.pendingDs = pendingDs;
  }
}

/** What a room knows about its stored copy when it loads. */
interface StoredState {
  readonly lastSeq: number;
  readonly updatesSinceSnapshot: number;
  readonly bytesSinceSnapshot: number;
  readonly snapshotBytes: number;
  /**
   * The encoded document when storage already holds it as one snapshot with nothing after it,
   * so the first joins after a cold load get the stored bytes without encoding the document.
   */
  readonly fullState: Uint8Array | null;
}

/** A stored document not decoded yet: the snapshot, and its state vector read at load. */
interface UndecodedState {
  readonly update: Uint8Array;
  readonly stateVector: Uint8Array;
}

/** A room's stored document as loaded: decoded, or (one snapshot) left to decode on first use. */
interface LoadedDoc {
  readonly doc: Y.Doc | null;
  readonly undecoded: UndecodedState | null;
  readonly stored: StoredState;
}

/**
 * Reads a room's document from storage. One snapshot with nothing after it (every room that was
 * unloaded or shut down cleanly) is only parsed, for its state vector and to refuse a snapshot
 * that does not decode; anything else is decoded at once. Throws `RoomLoadError` on a failed
 * read or an undecodable document.
 */
async function loadDoc(id: string, storage: Storage): Promise<LoadedDoc> {
  let stored: Awaited<ReturnType<Storage['loadDocument']>>;
  try {
    stored = await storage.loadDocument(id);
  } catch (error) {
    throw new RoomLoadError(`room ${id} could not be read from storage`, { cause: error });
  }
  const bytesSinceSnapshot = stored.updates.reduce((sum, u) => sum + u.length, 0);
  const state: StoredState = {
    lastSeq: stored.lastSeq,
    updatesSinceSnapshot: stored.updates.length,
    bytesSinceSnapshot,
    snapshotBytes: stored.snapshot?.length ?? 0,
    fullState: stored.snapshot && stored.updates.length === 0 ? stored.snapshot : null,
  };
  if (state.fullState) {
    try {
      const stateVector = Y.encodeStateVectorFromUpdate(state.fullState);
      return { doc: null, undecoded: { update: state.fullState, stateVector }, stored: state };
    } catch (error) {
      throw new RoomLoadError(`room ${id} has a stored document that does not decode`, { cause: error });
    }
  }
  const doc = new Y.Doc({ gc: true });
  const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : [...stored.updates];
  try {
    if (parts.length > 0) {
      Y.applyUpdate(doc, parts.length === 1 ? (parts[0] as Uint8Array) : Y.mergeUpdates(parts), LOAD_ORIGIN);
    }
  } catch (error) {
    doc.destroy();
    throw new RoomLoadError(`room ${id} has a stored document that does not decode`, { cause: error });
  }
  return { doc, undecoded: null, stored: state };
}

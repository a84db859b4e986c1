import type { PositionRecords, SuggestionRecord } from '@plenary/protocol';
import type { CommentMessageRecord, CommentThreadFields, CommentThreadRecord } from './comment-records.js';

/**
 * The narrow storage interface every adapter implements (SQLite, the embedded default;
 * PostgreSQL for several server processes, `pg.ts`). One contract test (`server/test/storage-contract.test.ts`) runs
 * against every adapter.
 *
 * A room's document is stored as an append-only update log plus snapshots. A snapshot holds the
 * full encoded state up to and including update `seq`; loading a room reads the newest snapshot
 * and the updates after it. Updates are never deleted by compaction: the log is the room's
 * provenance record (who wrote what, when).
 */

/** Who wrote an update, recorded with every stored update. */
export interface Provenance {
  /** The delegation the writer speaks for, or "Chair" for chair actions. */
  readonly delegation: string;
  /** The person (token `sub`), when known. */
  readonly person: string | null;
  /** Milliseconds since the epoch. */
  readonly time: number;
}

/** One update to append to a room's log. */
export interface UpdateToStore extends Provenance {
  readonly update: Uint8Array;
}

/** One stored update, as read back. */
export interface StoredUpdate extends UpdateToStore {
  readonly seq: number;
}

/** A room's server-side record. Created on the first accepted write or by `POST /api/rooms`. */
export interface RoomRecord {
  readonly id: string;
  readonly title: string;
  readonly symbol: string | null;
  readonly template: string | null;
  readonly schemaVersion: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** What a room's document is made of when it is loaded. */
export interface StoredDocument {
  /** Full encoded state up to `snapshotSeq`, or null when no snapshot has been taken. */
  readonly snapshot: Uint8Array | null;
  readonly snapshotSeq: number;
  /** Updates with `seq > snapshotSeq`, in order. */
  readonly updates: readonly Uint8Array[];
  /** The `seq` of the last update, 0 when there are none. */
  readonly lastSeq: number;
}

/** What a revocation names: a whole delegation or one person (token `sub`). */
export type RevocationKind = 'delegation' | 'person';

/** A server-side record refusing every token for `value` issued at or before `revokedAt`. */
export interface Revocation {
  readonly room: string;
  readonly kind: RevocationKind;
  readonly value: string;
  /** Milliseconds since the epoch. */
  readonly revokedAt: number;
  /** Who revoked (the chair's delegation, or its person id when known). */
  readonly revokedBy: string;
}

/** A room's lifecycle: `deleted` is a tombstone kept after its data is gone. */
export type RoomStatus = 'active' | 'archived' | 'deleted';

/** What observers may export. */
export type ObserverExports = 'none' | 'clean' | 'all';

/** Chair-only room settings (DESIGN §1). */
export interface RoomSettings {
  readonly mode: 'informal' | 'formal';
  readonly observersMayComment: boolean;
  readonly observerExports: ObserverExports;
  readonly numberingFrozen: boolean;
}

/** The settings of a room nobody has changed. */
export const DEFAULT_ROOM_SETTINGS: RoomSettings = Object.freeze({
  mode: 'informal',
  observersMayComment: false,
  observerExports: 'clean',
  numberingFrozen: false,
});

/**
 * A record of one invite or session token issued for a room, kept so the chair can see who holds
 * access (DESIGN §3 "access records") and revoke a delegation or a person.
 */
export interface InviteRecord {
  readonly room: string;
  /** The token's `jti`: unique per token. */
  readonly jti: string;
  readonly delegation: string;
  readonly role: 'chair' | 'delegate' | 'observer';
  /** Display name carried by the token. */
  readonly name: string;
  /** The person id (`sub`) the token names. */
  readonly person: string;
  /** Milliseconds since the epoch. */
  readonly issuedAt: number;
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
  /** Who issued it: the chair's delegation (and person), "Plenary" for a room's creator, "operator" for the CLI. */
  readonly issuedBy: string;
}

/**
 * Which author first wrote a room's document under a Yjs client id (DESIGN §3). Kept so that a
 * client id stays bound to its author across server restarts.
 */
export interface AuthorBinding {
  readonly clientId: number;
  /** The author key (delegation and person or token id) the client id belongs to. */
  readonly author: string;
  readonly delegation: string;
  readonly person: string | null;
}

/** What {@link Storage.putPositions} stores; a missing list stores nothing of that kind. */
export interface PositionChanges {
  readonly proposals?: PositionRecords['proposals'];
  readonly stances?: PositionRecords['stances'];
  readonly statuses?: PositionRecords['statuses'];
  readonly picks?: PositionRecords['picks'];
  /** Given to replace the frozen numbering (null clears it); missing leaves it as it is. */
  readonly frozen?: PositionRecords['frozen'];
}

/**
 * A revision as listed: everything but its document. Issued by the chair, immutable once
 * stored, addressed by `id` within its room.
 */
export interface RevisionSummary {
  /** Unique within the room (`rev-1`, `rev-2` …). */
  readonly id: string;
  /** 1, 2, 3 … in issue order within the room; the chain of hashes follows it. */
  readonly seq: number;
  /** "Zero draft", "Rev.1", "Chair's text": unique within the room. */
  readonly label: string;
  readonly note: string | null;
  /** Milliseconds since the epoch. */
  readonly issuedAt: number;
  /** Who issued it: the chair's delegation (and person), or "operator". */
  readonly issuedBy: string;
  /** SHA-256 (hex) over the revision's canonical JSON (see `revision-hash.ts` in the export package). */
  readonly hash: string;
  /** The previous revision's `hash`; null for a room's first revision. */
  readonly prevHash: string | null;
}

/** A stored revision with its document. */
export interface RevisionRecord extends RevisionSummary {
  /** The full encoded Yjs state of the room's document when it was issued. */
  readonly state: Uint8Array;
  /** Clause id → own number ("5", "5 bis") when it was issued: the frozen map. */
  readonly numbers: Readonly<Record<string, string>>;
  /** Whether numbering was frozen when it was issued (issuing unfreezes it). */
  readonly numberingWasFrozen: boolean;
}

/** The storage contract. Every method rejects with a `StorageError` when the backend fails. */
export interface Storage {
  /** Runs schema migrations; idempotent. Called once on start by every entry point. */
  migrate(): Promise<void>;
  /** Reads a room record, or null when the room has never been stored. */
  getRoom(id: string): Promise<RoomRecord | null>;
  /** Creates the record if it is missing, otherwise updates title, symbol and updatedAt. */
  putRoom(record: RoomRecord): Promise<void>;
  /** Lists every stored room, most recently changed first. */
  listRooms(): Promise<RoomRecord[]>;
  /**
   * Appends updates to a room's log in one transaction (group commit) and returns the last
   * `seq`. Creates a minimal room record when the room has none and moves the record's
   * `updatedAt` to the updates' time; an adapter may skip that for updates less than a second
   * after its last move, so `updatedAt` can stay up to a second behind the last update. Resolves
   * only once durable under the adapter's configured durability.
   */
  appendUpdates(room: string, updates: readonly UpdateToStore[]): Promise<number>;
  /** Reads the document of a room: newest snapshot and the updates after it. */
  loadDocument(room: string): Promise<StoredDocument>;
  /** Stores a snapshot covering every update up to `seq`. Older snapshots may be dropped. */
  writeSnapshot(room: string, seq: number, state: Uint8Array): Promise<void>;
  /** Reads the provenance log of a room from `afterSeq` (exclusive), at most `limit` rows. */
  readUpdates(room: string, afterSeq: number, limit: number): Promise<StoredUpdate[]>;
  /**
   * The last stored `seq` of each of `rooms` that has updates (rooms without are left out). Read
   * in one query, so that a process can check all its loaded rooms for updates it missed.
   */
  lastSeqs(rooms: readonly string[]): Promise<Map<string, number>>;
  /**
   * Deletes a room and everything stored for it (document, record, settings, revocations,
   * invites, author bindings, comments, suggestions, positions) except its status, so a `deleted` tombstone outlives the data.
   * invites, author bindings, comments, suggestions, revisions) except its status, so a `deleted` tombstone outlives the data.
   */
  deleteRoom(room: string): Promise<void>;
  /** Records a revocation (several for the same value may coexist; the newest counts). */
  addRevocation(revocation: Revocation): Promise<void>;
  /** The revocations of a room, oldest first. */
  listRevocations(room: string): Promise<Revocation[]>;
  /** A room's status; `active` when none was ever set. */
  getRoomStatus(room: string): Promise<RoomStatus>;
  setRoomStatus(room: string, status: RoomStatus): Promise<void>;
  /** A room's settings; `DEFAULT_ROOM_SETTINGS` when none were ever stored. */
  getRoomSettings(room: string): Promise<RoomSettings>;
  putRoomSettings(room: string, settings: RoomSettings): Promise<void>;
  /** Records an issued invite or session token; a second record with the same `jti` is ignored. */
  addInvite(invite: InviteRecord): Promise<void>;
  /** The invites of a room that have not expired at `now` (milliseconds), oldest first. */
  listInvites(room: string, now: number): Promise<InviteRecord[]>;
  /**
   * Binds client ids to authors. A client id already bound in the room keeps its first author:
   * the binding is never overwritten.
   */
  putAuthorBindings(room: string, bindings: readonly AuthorBinding[]): Promise<void>;
  /** Every author binding of a room, in client id order. */
  listAuthorBindings(room: string): Promise<AuthorBinding[]>;
  /** Creates a comment thread or updates its status fields (the anchor never changes). */
  putCommentThread(thread: CommentThreadFields): Promise<void>;
  /** Creates a comment message or updates its body, mentions, edit time and deleted flag. */
  putCommentMessage(message: CommentMessageRecord): Promise<void>;
  /**
   * `putCommentThread` then `putCommentMessage` in one transaction: a new thread is never stored
   * without its first message, nor a reply or edit without its thread's new update time.
   */
  putCommentChange(thread: CommentThreadFields, message: CommentMessageRecord): Promise<void>;
  /** One thread of a room with its messages, or null. */
  getCommentThread(room: string, id: string): Promise<CommentThreadRecord | null>;
  /** Every comment thread of a room with its messages, oldest thread first. */
  listCommentThreads(room: string): Promise<CommentThreadRecord[]>;
  /** How many comment threads a room holds (for its cap), without reading them. */
  countCommentThreads(room: string): Promise<number>;
  /**
   * Creates or updates suggestion records in one transaction, keyed by mark id. An existing
   * record keeps its kind, delegation, person and creation time (the attribution is never
   * rewritten); its clause, text, status and decision are replaced.
   */
  putSuggestions(room: string, records: readonly SuggestionRecord[]): Promise<void>;
  /** Every suggestion record of a room, oldest first (by creation time, then id). */
  listSuggestions(room: string): Promise<SuggestionRecord[]>;
  /**
   * Stores position records in one transaction: proposals upserted by id (an existing one keeps
   * its kind, proposer, person and creation time; clause, group, status and decision are
   * replaced), stances upserted by target and delegation, status changes and picks appended
   * (a pick replaces an earlier one of the same alternatives id), and the frozen numbering
   * replaced when `frozen` is given (null clears it).
   */
  putPositions(room: string, changes: PositionChanges): Promise<void>;
  /**
   * Every position record of a room: proposals and stances oldest first, status changes in the
   * order they were made, picks oldest first, and the frozen numbering (null when none).
   */
  listPositions(room: string): Promise<PositionRecords>;
  /**
   * Stores a revision. Revisions are immutable: a second one with the same `id`, `seq` or
   * `label` in the room is refused with a `StorageError` and nothing is stored.
   */
  addRevision(room: string, revision: RevisionRecord): Promise<void>;
  /** The revisions of a room without their documents, in issue order (`seq`). */
  listRevisions(room: string): Promise<RevisionSummary[]>;
  /**
   * One revision with its document, or null. A row that cannot be read back (its numbers not
   * JSON) rejects with a `StorageError` for that revision only.
   */
  getRevision(room: string, id: string): Promise<RevisionRecord | null>;
  /** Releases connections and file handles. */
  close(): Promise<void>;
}

/** A storage backend failed. The message names the operation and the room. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

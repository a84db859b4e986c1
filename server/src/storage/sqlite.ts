import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PositionRecords, SuggestionRecord } from '@plenary/protocol';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import type { CommentMessageRecord, CommentThreadFields, CommentThreadRecord } from './comment-records.js';
import { SqliteCheckpointer } from './sqlite-checkpointer.js';
import { SqliteComments } from './sqlite-comments.js';
import { migrateSqlite } from './sqlite-migrations.js';
import { SqlitePositions } from './sqlite-positions.js';
import { SqliteRevisions } from './sqlite-revisions.js';
import { SqliteSuggestions } from './sqlite-suggestions.js';
import {
  type AuthorBinding,
  DEFAULT_ROOM_SETTINGS,
  type InviteRecord,
  type PositionChanges,
  type RevisionRecord,
  type RevisionSummary,
  type Revocation,
  type RevocationKind,
  type RoomRecord,
  type RoomSettings,
  type RoomStatus,
  type Storage,
  StorageError,
  type StoredDocument,
  type StoredUpdate,
  type UpdateToStore,
} from './storage.js';

/** `PRAGMA synchronous` levels: NORMAL survives a process crash, FULL also a power loss. */
export type SqliteSynchronous = 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';

export interface SqliteStorageOptions {
  /** Path of the database file; parent folders are created. */
  readonly file: string;
  readonly synchronous?: SqliteSynchronous;
  /** Open without writing (used by `backup` checks). */
  readonly readonly?: boolean;
  /**
   * Checkpoint the write-ahead log on a worker thread ({@link SqliteCheckpointer}) instead of in
   * the commit that fills it. The server sets it; one-shot commands need not.
   */
  readonly backgroundCheckpoints?: boolean;
  /** Told when the checkpoint worker fails and checkpoints fall back to the commits. */
  readonly onCheckpointFailure?: (error: Error) => void;
}

interface RoomRow {
  id: string;
  title: string;
  symbol: string | null;
  template: string | null;
  schema_version: number;
  created_at: number;
  updated_at: number;
}

interface StateRow {
  status: RoomStatus;
  settings: string | null;
}

interface InviteRow {
  jti: string;
  delegation: string;
  role: InviteRecord['role'];
  name: string;
  person: string;
  issued_at: number;
  expires_at: number;
  issued_by: string;
}

interface UpdateRow {
  seq: number;
  data: Buffer;
  delegation: string;
  person: string | null;
  time: number;
}

function toRecord(row: RoomRow): RoomRecord {
  return {
    id: row.id,
    title: row.title,
    symbol: row.symbol,
    template: row.template,
    schemaVersion: row.schema_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * A room's record moves its `updated_at` forward at most this often while updates stream in,
 * rather than in every keystroke's commit (an extra statement and page written per commit).
 */
const TOUCH_EVERY_MS = 1000;
/** Rooms whose append state is remembered; past this, the memory starts over. */
const APPEND_STATES_MAX = 1024;

/** What the adapter remembers of a room it appended to. */
interface AppendState {
  /** The room's highest stored sequence number. */
  readonly seq: number;
  /** The time last written to the room's `updated_at` by an append. */
  readonly touchedAt: number;
}

/**
 * The embedded default adapter: one SQLite file in WAL mode through better-sqlite3.
 *
 * better-sqlite3 is synchronous; the adapter still returns promises so that callers are written
 * once for every adapter. A call either finishes its transaction before its promise settles or
 * leaves the database untouched.
 */
export class SqliteStorage implements Storage {
  readonly db: Database;
  private statements: ReturnType<typeof prepare> | null = null;
  private commentTables: SqliteComments | null = null;
  private suggestionTable: SqliteSuggestions | null = null;
  private positionTables: SqlitePositions | null = null;
  private revisionTable: SqliteRevisions | null = null;
  private appendTransaction:
    | ((room: string, updates: readonly UpdateToStore[], known: AppendState | undefined) => AppendState)
    | null = null;
  /**
   * Each room's last sequence number and record touch, as this adapter last appended them, so
   * that the keystroke's commit need not read them back. The number is only a guess: the
   * database decides. Should another writer have appended in between, the insert meets its row
   * on the primary key, the transaction stores nothing, and the batch is appended again after
   * the file's own last `seq`, read inside the retried transaction.
   */
  private readonly appended = new Map<string, AppendState>();
  /** Runs checkpoints off the event loop, when asked for with `backgroundCheckpoints`. */
  readonly checkpointer: SqliteCheckpointer | null = null;

  constructor(private readonly options: SqliteStorageOptions) {
    try {
      if (!options.readonly) mkdirSync(dirname(options.file), { recursive: true });
      this.db = new BetterSqlite3(options.file, {
        readonly: options.readonly ?? false,
        fileMustExist: options.readonly ?? false,
      });
      if (!options.readonly) {
        this.db.pragma('journal_mode = WAL');
        this.db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
      }
      this.db.pragma('busy_timeout = 5000');
      if (options.backgroundCheckpoints && !options.readonly && options.file !== ':memory:') {
        this.checkpointer = new SqliteCheckpointer(this.db, options.file, options.onCheckpointFailure);
      }
    } catch (error) {
      throw new StorageError(`cannot open SQLite database ${options.file}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  async migrate(): Promise<void> {
    this.run('migrate', () => migrateSqlite(this.db));
    this.statements = prepare(this.db);
    this.commentTables = new SqliteComments(this.db);
    this.suggestionTable = new SqliteSuggestions(this.db);
    this.positionTables = new SqlitePositions(this.db);
    this.revisionTable = new SqliteRevisions(this.db);
  }

  private get positions(): SqlitePositions {
    this.positionTables ??= new SqlitePositions(this.db);
    return this.positionTables;
  }

  private get revisions(): SqliteRevisions {
    this.revisionTable ??= new SqliteRevisions(this.db);
    return this.revisionTable;
  }

  private get suggestions(): SqliteSuggestions {
    this.suggestionTable ??= new SqliteSuggestions(this.db);
    return this.suggestionTable;
  }

  private get comments(): SqliteComments {
    this.commentTables ??= new SqliteComments(this.db);
    return this.commentTables;
  }

  private get sql(): ReturnType<typeof prepare> {
    if (!this.statements) this.statements = prepare(this.db);
    return this.statements;
  }

  private run<T>(operation: string, fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      if (error instanceof StorageError) throw error;
      throw new StorageError(`SQLite ${operation} failed: ${(error as Error).message}`, { cause: error });
    }
  }

  async getRoom(id: string): Promise<RoomRecord | null> {
    const row = this.run(`getRoom(${id})`, () => this.sql.getRoom.get(id) as RoomRow | undefined);
    return row ? toRecord(row) : null;
  }

  async putRoom(record: RoomRecord): Promise<void> {
    this.run(`putRoom(${record.id})`, () =>
      this.sql.putRoom.run({
        id: record.id,
        title: record.title,
        symbol: record.symbol,
        template: record.template,
        schema_version: record.schemaVersion,
        created_at: record.createdAt,
        updated_at: record.updatedAt,
      }),
    );
  }

  async listRooms(): Promise<RoomRecord[]> {
    const rows = this.run('listRooms', () => this.sql.listRooms.all() as RoomRow[]);
    return rows.map(toRecord);
  }

  async appendUpdates(room: string, updates: readonly UpdateToStore[]): Promise<number> {
    // The transaction function is built once: this runs for every batch of keystrokes.
    this.appendTransaction ??= this.db.transaction(
      (room: string, updates: readonly UpdateToStore[], known: AppendState | undefined): AppendState => {
        let seq = known?.seq ?? (this.sql.lastSeq.get(room) as { seq: number | null }).seq ?? 0;
        let time = 0;
        for (const update of updates) {
          seq += 1;
          time = update.time;
          this.sql.insertUpdate.run(room, seq, update.update, update.delegation, update.person, update.time);
        }
        const now = time || Date.now();
        // The first append of a room in this process also creates its record when missing.
        if (known && now - known.touchedAt < TOUCH_EVERY_MS) return { seq, touchedAt: known.touchedAt };
        this.sql.touchRoom.run({ id: room, now });
        return { seq, touchedAt: now };
      },
    );
    const append = this.appendTransaction;
    let state: AppendState;
    try {
      state = this.run(`appendUpdates(${room})`, () => {
        try {
          return append(room, updates, this.appended.get(room));
        } catch (error) {
          // Another writer appended since: number the batch after what the file holds now.
          if (!isPrimaryKeyConflict(error) || !this.appended.has(room)) throw error;
          this.appended.delete(room);
          return append(room, updates, undefined);
        }
      });
    } catch (error) {
      this.appended.delete(room);
      throw error;
    }
    if (this.appended.size >= APPEND_STATES_MAX && !this.appended.has(room)) this.appended.clear();
    this.appended.set(room, state);
    return state.seq;
  }

  async loadDocument(room: string): Promise<StoredDocument> {
    return this.run(`loadDocument(${room})`, () =>
      this.db.transaction(() => {
        const snapshot = this.sql.getSnapshot.get(room) as { seq: number; data: Buffer } | undefined;
        const snapshotSeq = snapshot?.seq ?? 0;
        const rows = this.sql.updatesAfter.all(room, snapshotSeq) as { seq: number; data: Buffer }[];
        const lastSeq = rows.length > 0 ? (rows[rows.length - 1] as { seq: number }).seq : snapshotSeq;
        return {
          snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
          snapshotSeq,
          updates: rows.map((row) => new Uint8Array(row.data)),
          lastSeq,
        };
      })(),
    );
  }

  async writeSnapshot(room: string, seq: number, state: Uint8Array): Promise<void> {
    this.run(`writeSnapshot(${room})`, () => this.sql.putSnapshot.run(room, seq, state));
  }

  async readUpdates(room: string, afterSeq: number, limit: number): Promise<StoredUpdate[]> {
    const rows = this.run(`readUpdates(${room})`, () => this.sql.readUpdates.all(room, afterSeq, limit) as UpdateRow[]);
    return rows.map((row) => ({
      seq: row.seq,
      update: new Uint8Array(row.data),
      delegation: row.delegation,
      person: row.person,
      time: row.time,
    }));
  }

  async lastSeqs(rooms: readonly string[]): Promise<Map<string, number>> {
    return this.run('lastSeqs', () => {
      const seqs = new Map<string, number>();
      for (const room of rooms) {
        const seq = (this.sql.lastSeq.get(room) as { seq: number | null }).seq;
        if (seq !== null) seqs.set(room, seq);
      }
      return seqs;
    });
  }

  async deleteRoom(room: string): Promise<void> {
    this.appended.delete(room);
    this.run(`deleteRoom(${room})`, () =>
      this.db.transaction(() => {
        this.sql.deleteUpdates.run(room);
        this.sql.deleteSnapshot.run(room);
        this.sql.deleteRoom.run(room);
        this.sql.deleteRevocations.run(room);
        this.sql.clearSettings.run(room);
        this.sql.deleteInvites.run(room);
        this.sql.deleteBindings.run(room);
        this.comments.deleteRoom(room);
        this.suggestions.deleteRoom(room);
        this.positions.deleteRoom(room);
        this.revisions.deleteRoom(room);
      })(),
    );
  }

  async addRevocation(revocation: Revocation): Promise<void> {
    this.run(`addRevocation(${revocation.room})`, () =>
      this.sql.addRevocation.run(
        revocation.room,
        revocation.kind,
        revocation.value,
        revocation.revokedAt,
        revocation.revokedBy,
      ),
    );
  }

  async listRevocations(room: string): Promise<Revocation[]> {
    const rows = this.run(
      `listRevocations(${room})`,
      () =>
        this.sql.listRevocations.all(room) as {
          kind: RevocationKind;
          value: string;
          revoked_at: number;
          revoked_by: string;
        }[],
    );
    return rows.map((row) => ({
      room,
      kind: row.kind,
      value: row.value,
      revokedAt: row.revoked_at,
      revokedBy: row.revoked_by,
    }));
  }

  async getRoomStatus(room: string): Promise<RoomStatus> {
    const row = this.run(`getRoomStatus(${room})`, () => this.sql.getState.get(room) as StateRow | undefined);
    return row?.status ?? 'active';
  }

  async setRoomStatus(room: string, status: RoomStatus): Promise<void> {
    this.run(`setRoomStatus(${room})`, () => this.sql.setStatus.run(room, status));
  }

  async getRoomSettings(room: string): Promise<RoomSettings> {
    const row = this.run(`getRoomSettings(${room})`, () => this.sql.getState.get(room) as StateRow | undefined);
    if (!row?.settings) return DEFAULT_ROOM_SETTINGS;
    return { ...DEFAULT_ROOM_SETTINGS, ...(JSON.parse(row.settings) as Partial<RoomSettings>) };
  }

  async putRoomSettings(room: string, settings: RoomSettings): Promise<void> {
    this.run(`putRoomSettings(${room})`, () => this.sql.setSettings.run(room, JSON.stringify(settings)));
  }

  async addInvite(invite: InviteRecord): Promise<void> {
    this.run(`addInvite(${invite.room})`, () =>
      this.sql.addInvite.run({
        room: invite.room,
        jti: invite.jti,
        delegation: invite.delegation,
        role: invite.role,
        name: invite.name,
        person: invite.person,
        issued_at: invite.issuedAt,
        expires_at: invite.expiresAt,
        issued_by: invite.issuedBy,
      }),
    );
  }

  async listInvites(room: string, now: number): Promise<InviteRecord[]> {
    const rows = this.run(`listInvites(${room})`, () => this.sql.listInvites.all(room, now) as InviteRow[]);
    return rows.map((row) => ({
      room,
      jti: row.jti,
      delegation: row.delegation,
      role: row.role,
      name: row.name,
      person: row.person,
      issuedAt: row.issued_at,
      expiresAt: row.expires_at,
      issuedBy: row.issued_by,
    }));
  }

  async putAuthorBindings(room: string, bindings: readonly AuthorBinding[]): Promise<void> {
    this.run(`putAuthorBindings(${room})`, () =>
      this.db.transaction(() => {
        for (const b of bindings) this.sql.putBinding.run(room, b.clientId, b.author, b.delegation, b.person);
      })(),
    );
  }

  async listAuthorBindings(room: string): Promise<AuthorBinding[]> {
    const rows = this.run(
      `listAuthorBindings(${room})`,
      () =>
        this.sql.listBindings.all(room) as {
          client_id: number;
          author: string;
          delegation: string;
          person: string | null;
        }[],
    );
    return rows.map((row) => ({
      clientId: row.client_id,
      author: row.author,
      delegation: row.delegation,
      person: row.person,
    }));
  }

  async putCommentThread(thread: CommentThreadFields): Promise<void> {
    this.run(`putCommentThread(${thread.room})`, () => this.comments.putThread(thread));
  }

  async putCommentMessage(message: CommentMessageRecord): Promise<void> {
    this.run(`putCommentMessage(${message.room})`, () => this.comments.putMessage(message));
  }

  async putCommentChange(thread: CommentThreadFields, message: CommentMessageRecord): Promise<void> {
    this.run(`putCommentChange(${thread.room})`, () =>
      this.db.transaction(() => {
        this.comments.putThread(thread);
        this.comments.putMessage(message);
      })(),
    );
  }

  async getCommentThread(room: string, id: string): Promise<CommentThreadRecord | null> {
    return this.run(`getCommentThread(${room})`, () => this.comments.getThread(room, id));
  }

  async listCommentThreads(room: string): Promise<CommentThreadRecord[]> {
    return this.run(`listCommentThreads(${room})`, () => this.comments.listThreads(room));
  }

  async countCommentThreads(room: string): Promise<number> {
    return this.run(`countCommentThreads(${room})`, () => this.comments.countThreads(room));
  }

  async putSuggestions(room: string, records: readonly SuggestionRecord[]): Promise<void> {
    if (records.length === 0) return;
    this.run(`putSuggestions(${room})`, () => this.suggestions.putAll(room, records));
  }

  async listSuggestions(room: string): Promise<SuggestionRecord[]> {
    return this.run(`listSuggestions(${room})`, () => this.suggestions.listAll(room));
  }

  async putPositions(room: string, changes: PositionChanges): Promise<void> {
    this.run(`putPositions(${room})`, () => this.positions.put(room, changes));
  }

  async listPositions(room: string): Promise<PositionRecords> {
    return this.run(`listPositions(${room})`, () => this.positions.list(room));
  }

  async addRevision(room: string, revision: RevisionRecord): Promise<void> {
    this.run(`addRevision(${room}, ${revision.id})`, () => this.revisions.add(room, revision));
  }

  async listRevisions(room: string): Promise<RevisionSummary[]> {
    return this.run(`listRevisions(${room})`, () => this.revisions.listAll(room));
  }

  async getRevision(room: string, id: string): Promise<RevisionRecord | null> {
    return this.run(`getRevision(${room}, ${id})`, () => this.revisions.getOne(room, id));
  }

  /** Writes a consistent copy of the database to `file` while it stays in use. */
  async backupTo(file: string): Promise<void> {
    try {
      mkdirSync(dirname(file), { recursive: true });
      await this.db.backup(file);
    } catch (error) {
      throw new StorageError(`backup to ${file} failed: ${(error as Error).message}`, { cause: error });
    }
  }

  async close(): Promise<void> {
    await this.checkpointer?.stop();
    if (this.db.open) this.db.close();
  }

  /** The file this adapter writes. */
  get file(): string {
    return this.options.file;
  }
}

/** Whether `error` is SQLite refusing a row whose primary key is taken. */
function isPrimaryKeyConflict(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

function prepare(db: Database) {
  const s = (sql: string): Statement => db.prepare(sql);
  return {
    getRoom: s('SELECT * FROM rooms WHERE id = ?'),
    putRoom: s(`INSERT INTO rooms (id, title, symbol, template, schema_version, created_at, updated_at)
      VALUES (@id, @title, @symbol, @template, @schema_version, @created_at, @updated_at)
      ON CONFLICT(id) DO UPDATE SET title = excluded.title, symbol = excluded.symbol,
        schema_version = excluded.schema_version, updated_at = excluded.updated_at`),
    touchRoom: s(`INSERT INTO rooms (id, title, symbol, template, schema_version, created_at, updated_at)
      VALUES (@id, @id, NULL, NULL, 0, @now, @now)
      ON CONFLICT(id) DO UPDATE SET updated_at = MAX(updated_at, excluded.updated_at)`),
    listRooms: s('SELECT * FROM rooms ORDER BY updated_at DESC, id'),
    lastSeq: s('SELECT MAX(seq) AS seq FROM updates WHERE room = ?'),
    insertUpdate: s('INSERT INTO updates (room, seq, data, delegation, person, time) VALUES (?, ?, ?, ?, ?, ?)'),
    getSnapshot: s('SELECT seq, data FROM snapshots WHERE room = ?'),
    putSnapshot: s(`INSERT INTO snapshots (room, seq, data) VALUES (?, ?, ?)
      ON CONFLICT(room) DO UPDATE SET seq = excluded.seq, data = excluded.data WHERE excluded.seq >= snapshots.seq`),
    updatesAfter: s('SELECT seq, data FROM updates WHERE room = ? AND seq > ? ORDER BY seq'),
    readUpdates: s(
      'SELECT seq, data, delegation, person, time FROM updates WHERE room = ? AND seq > ? ORDER BY seq LIMIT ?',
    ),
    deleteUpdates: s('DELETE FROM updates WHERE room = ?'),
    deleteSnapshot: s('DELETE FROM snapshots WHERE room = ?'),
    deleteRoom: s('DELETE FROM rooms WHERE id = ?'),
    deleteRevocations: s('DELETE FROM revocations WHERE room = ?'),
    clearSettings: s('UPDATE room_state SET settings = NULL WHERE room = ?'),
    addRevocation: s('INSERT INTO revocations (room, kind, value, revoked_at, revoked_by) VALUES (?, ?, ?, ?, ?)'),
    listRevocations: s(
      'SELECT kind, value, revoked_at, revoked_by FROM revocations WHERE room = ? ORDER BY revoked_at, rowid',
    ),
    addInvite: s(`INSERT OR IGNORE INTO invites
      (room, jti, delegation, role, name, person, issued_at, expires_at, issued_by)
      VALUES (@room, @jti, @delegation, @role, @name, @person, @issued_at, @expires_at, @issued_by)`),
    listInvites: s(`SELECT jti, delegation, role, name, person, issued_at, expires_at, issued_by
      FROM invites WHERE room = ? AND expires_at > ? ORDER BY issued_at, rowid`),
    deleteInvites: s('DELETE FROM invites WHERE room = ?'),
    putBinding: s(
      'INSERT OR IGNORE INTO author_bindings (room, client_id, author, delegation, person) VALUES (?, ?, ?, ?, ?)',
    ),
    listBindings: s(
      'SELECT client_id, author, delegation, person FROM author_bindings WHERE room = ? ORDER BY client_id',
    ),
    deleteBindings: s('DELETE FROM author_bindings WHERE room = ?'),
    getState: s('SELECT status, settings FROM room_state WHERE room = ?'),
    setStatus: s(`INSERT INTO room_state (room, status) VALUES (?, ?)
      ON CONFLICT(room) DO UPDATE SET status = excluded.status`),
    setSettings: s(`INSERT INTO room_state (room, settings) VALUES (?, ?)
      ON CONFLICT(room) DO UPDATE SET settings = excluded.settings`),
  };
}

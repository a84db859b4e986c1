import type { PositionRecords, SuggestionRecord } from '@plenary/protocol';
import type pg from 'pg';
import type { CommentMessageRecord, CommentThreadFields, CommentThreadRecord } from './comment-records.js';
import { pgAccess } from './pg-access.js';
import { pgAuthorship } from './pg-authorship.js';
import { pgComments } from './pg-comments.js';
import { inTransaction, openPool, type PgConnectionOptions, schemaOf } from './pg-database.js';
import { migratePg } from './pg-migrations.js';
import { pgPositions } from './pg-positions.js';
import { pgRevisions } from './pg-revisions.js';
import { pgRooms } from './pg-rooms.js';
import { pgSuggestions } from './pg-suggestions.js';
import { pgUpdates } from './pg-updates.js';
import {
  type AuthorBinding,
  type InviteRecord,
  type PositionChanges,
  type RevisionRecord,
  type RevisionSummary,
  type Revocation,
  type RoomRecord,
  type RoomSettings,
  type RoomStatus,
  type Storage,
  StorageError,
  type StoredDocument,
  type StoredUpdate,
  type UpdateToStore,
} from './storage.js';

export type PgStorageOptions = PgConnectionOptions;

/**
 * The PostgreSQL adapter (`DATABASE_URL`), for one or several server processes sharing one
 * database. Every record family lives in a module of its own (`pg-*.ts`); this class opens the
 * pool, runs each call in its transaction and reports failures as `StorageError`s naming the
 * operation and the room.
 *
 * What must hold across processes is decided by the database: sequence numbers come from the
 * room's counter row (`pg-updates.ts`), the first binding of a client id wins on its primary key
 * (`pg-authorship.ts`), and migrations take an advisory lock (`pg-migrations.ts`).
 */
export class PgStorage implements Storage {
  private readonly pool: pg.Pool;
  private readonly schema: string;

  constructor(options: PgStorageOptions) {
    this.schema = schemaOf(options);
    this.pool = openPool(options);
  }

  private async run<T>(operation: string, fn: (db: pg.Pool) => Promise<T>): Promise<T> {
    try {
      return await fn(this.pool);
    } catch (error) {
      if (error instanceof StorageError) throw error;
      throw new StorageError(`PostgreSQL ${operation} failed: ${(error as Error).message}`, { cause: error });
    }
  }

  private transaction<T>(operation: string, fn: (db: pg.PoolClient) => Promise<T>, begin?: string): Promise<T> {
    return this.run(operation, (pool) => inTransaction(pool, fn, begin));
  }

  migrate(): Promise<void> {
    return this.run('migrate', (pool) => migratePg(pool, this.schema));
  }

  getRoom(id: string): Promise<RoomRecord | null> {
    return this.run(`getRoom(${id})`, (db) => pgRooms.get(db, id));
  }

  putRoom(record: RoomRecord): Promise<void> {
    return this.run(`putRoom(${record.id})`, (db) => pgRooms.put(db, record));
  }

  listRooms(): Promise<RoomRecord[]> {
    return this.run('listRooms', (db) => pgRooms.list(db));
  }

  appendUpdates(room: string, updates: readonly UpdateToStore[]): Promise<number> {
    return this.run(`appendUpdates(${room})`, async (db) => {
      if (updates.length === 0) return (await pgUpdates.lastSeqs(db, [room])).get(room) ?? 0;
      return pgUpdates.append(db, room, updates);
    });
  }

  loadDocument(room: string): Promise<StoredDocument> {
    return this.transaction(
      `loadDocument(${room})`,
      (db) => pgUpdates.load(db, room),
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    );
  }

  writeSnapshot(room: string, seq: number, state: Uint8Array): Promise<void> {
    return this.run(`writeSnapshot(${room})`, (db) => pgUpdates.writeSnapshot(db, room, seq, state));
  }

  readUpdates(room: string, afterSeq: number, limit: number): Promise<StoredUpdate[]> {
    return this.run(`readUpdates(${room})`, (db) => pgUpdates.read(db, room, afterSeq, limit));
  }

  lastSeqs(rooms: readonly string[]): Promise<Map<string, number>> {
    if (rooms.length === 0) return Promise.resolve(new Map());
    return this.run('lastSeqs', (db) => pgUpdates.lastSeqs(db, rooms));
  }

  deleteRoom(room: string): Promise<void> {
    return this.transaction(`deleteRoom(${room})`, async (db) => {
      await pgUpdates.deleteRoom(db, room);
      await pgRooms.deleteRoom(db, room);
      await pgAccess.deleteRoom(db, room);
      await pgAuthorship.deleteRoom(db, room);
      await pgComments.deleteRoom(db, room);
      await pgSuggestions.deleteRoom(db, room);
      await pgPositions.deleteRoom(db, room);
      await pgRevisions.deleteRoom(db, room);
    });
  }

  addRevocation(revocation: Revocation): Promise<void> {
    return this.run(`addRevocation(${revocation.room})`, (db) => pgAccess.addRevocation(db, revocation));
  }

  listRevocations(room: string): Promise<Revocation[]> {
    return this.run(`listRevocations(${room})`, (db) => pgAccess.listRevocations(db, room));
  }

  getRoomStatus(room: string): Promise<RoomStatus> {
    return this.run(`getRoomStatus(${room})`, (db) => pgRooms.getStatus(db, room));
  }

  setRoomStatus(room: string, status: RoomStatus): Promise<void> {
    return this.run(`setRoomStatus(${room})`, (db) => pgRooms.setStatus(db, room, status));
  }

  getRoomSettings(room: string): Promise<RoomSettings> {
    return this.run(`getRoomSettings(${room})`, (db) => pgRooms.getSettings(db, room));
  }

  putRoomSettings(room: string, settings: RoomSettings): Promise<void> {
    return this.run(`putRoomSettings(${room})`, (db) => pgRooms.putSettings(db, room, settings));
  }

  addInvite(invite: InviteRecord): Promise<void> {
    return this.run(`addInvite(${invite.room})`, (db) => pgAccess.addInvite(db, invite));
  }

  listInvites(room: string, now: number): Promise<InviteRecord[]> {
    return this.run(`listInvites(${room})`, (db) => pgAccess.listInvites(db, room, now));
  }

  putAuthorBindings(room: string, bindings: readonly AuthorBinding[]): Promise<void> {
    return this.run(`putAuthorBindings(${room})`, (db) => pgAuthorship.put(db, room, bindings));
  }

  listAuthorBindings(room: string): Promise<AuthorBinding[]> {
    return this.run(`listAuthorBindings(${room})`, (db) => pgAuthorship.list(db, room));
  }

  putCommentThread(thread: CommentThreadFields): Promise<void> {
    return this.run(`putCommentThread(${thread.room})`, (db) => pgComments.putThread(db, thread));
  }

  putCommentMessage(message: CommentMessageRecord): Promise<void> {
    return this.run(`putCommentMessage(${message.room})`, (db) => pgComments.putMessage(db, message));
  }

  putCommentChange(thread: CommentThreadFields, message: CommentMessageRecord): Promise<void> {
    return this.transaction(`putCommentChange(${thread.room})`, async (db) => {
      await pgComments.putThread(db, thread);
      await pgComments.putMessage(db, message);
    });
  }

  getCommentThread(room: string, id: string): Promise<CommentThreadRecord | null> {
    return this.transaction(
      `getCommentThread(${room})`,
      (db) => pgComments.getThread(db, room, id),
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    );
  }

  listCommentThreads(room: string): Promise<CommentThreadRecord[]> {
    return this.transaction(
      `listCommentThreads(${room})`,
      (db) => pgComments.listThreads(db, room),
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    );
  }

  countCommentThreads(room: string): Promise<number> {
    return this.run(`countCommentThreads(${room})`, (db) => pgComments.countThreads(db, room));
  }

  putSuggestions(room: string, records: readonly SuggestionRecord[]): Promise<void> {
    return this.run(`putSuggestions(${room})`, (db) => pgSuggestions.putAll(db, room, records));
  }

  listSuggestions(room: string): Promise<SuggestionRecord[]> {
    return this.run(`listSuggestions(${room})`, (db) => pgSuggestions.listAll(db, room));
  }

  putPositions(room: string, changes: PositionChanges): Promise<void> {
    return this.transaction(`putPositions(${room})`, (db) => pgPositions.put(db, room, changes));
  }

  listPositions(room: string): Promise<PositionRecords> {
    return this.run(`listPositions(${room})`, (db) => pgPositions.list(db, room));
  }

  addRevision(room: string, revision: RevisionRecord): Promise<void> {
    return this.run(`addRevision(${room}, ${revision.id})`, (db) => pgRevisions.add(db, room, revision));
  }

  listRevisions(room: string): Promise<RevisionSummary[]> {
    return this.run(`listRevisions(${room})`, (db) => pgRevisions.listAll(db, room));
  }

  getRevision(room: string, id: string): Promise<RevisionRecord | null> {
    return this.run(`getRevision(${room}, ${id})`, (db) => pgRevisions.getOne(db, room, id));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

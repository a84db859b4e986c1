import type { PickRecord, ProposalRecord, SuggestionRecord } from '@plenary/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommentMessageRecord, CommentThreadFields } from '../src/storage/comment-records.js';
import {
  type AuthorBinding,
  DEFAULT_ROOM_SETTINGS,
  type InviteRecord,
  type RevisionRecord,
  type Revocation,
  type RoomRecord,
  type RoomSettings,
  type Storage,
  StorageError,
  type UpdateToStore,
} from '../src/storage/storage.js';

/**
 * One adapter's backing store for the contract: `storage` is open (not yet migrated);
 * `reopen` opens a fresh adapter over the same data (after the contract closed `storage`);
 * `dispose` closes whatever is still open and removes the data.
 */
export interface StorageHandle {
  readonly storage: Storage;
  reopen(): Promise<Storage>;
  dispose(): Promise<void>;
}

const bytes = (...values: number[]) => new Uint8Array(values);

function update(n: number, delegation = 'France', person: string | null = null, time = 1_700_000_000_000 + n) {
  return { update: bytes(n, n + 1, n + 2), delegation, person, time } satisfies UpdateToStore;
}

function record(id: string, overrides: Partial<RoomRecord> = {}): RoomRecord {
  return {
    id,
    title: `Title of ${id}`,
    symbol: 'A/AC.294/2025/L.1',
    template: 'blank',
    schemaVersion: 1,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...overrides,
  };
}

function revocation(room: string, overrides: Partial<Revocation> = {}): Revocation {
  return { room, kind: 'delegation', value: 'France', revokedAt: 1_700_000_000_000, revokedBy: 'Chair', ...overrides };
}

function invite(room: string, jti: string, overrides: Partial<InviteRecord> = {}): InviteRecord {
  return {
    room,
    jti,
    delegation: 'Kenya',
    role: 'delegate',
    name: 'Ms. Achieng',
    person: `person-${jti}`,
    issuedAt: 1_700_000_000_000,
    expiresAt: 1_700_000_000_000 + 14 * 86_400_000,
    issuedBy: 'Chair',
    ...overrides,
  };
}

function binding(clientId: number, overrides: Partial<AuthorBinding> = {}): AuthorBinding {
  return { clientId, author: 'Kenya\u0000sub:p1', delegation: 'Kenya', person: 'p1', ...overrides };
}

function thread(room: string, id: string, overrides: Partial<CommentThreadFields> = {}): CommentThreadFields {
  return {
    room,
    id,
    clauseId: 'op-1',
    start: 'AQID',
    end: 'BAUG',
    quote: 'outer space',
    visibility: 'room',
    delegation: 'Ghana',
    person: 'amina',
    status: 'open',
    statusBy: null,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...overrides,
  };
}

function message(
  room: string,
  threadId: string,
  id: string,
  overrides: Partial<CommentMessageRecord> = {},
): CommentMessageRecord {
  return {
    room,
    threadId,
    id,
    delegation: 'Ghana',
    person: 'amina',
    name: 'Amina',
    body: 'See @Peru\nsecond line',
    mentions: ['Peru'],
    createdAt: 1_700_000_000_100,
    editedAt: null,
    deleted: false,
    ...overrides,
  };
}

/** A revision record numbered `seq`, with a small state and numbers. */
function revision(seq: number, label: string, overrides: Partial<RevisionRecord> = {}): RevisionRecord {
  return {
    id: `rev-${seq}`,
    seq,
    label,
    note: 'after the informal consultations',
    issuedAt: 1_700_000_000_000 + seq,
    issuedBy: 'Chair',
    hash: 'ab'.repeat(32),
    prevHash: null,
    state: new Uint8Array([seq, 0, 255]),
    numbers: { 'c-1': '1', 'c-2': '1 bis' },
    numberingWasFrozen: false,
    ...overrides,
  };
}

const FORMAL: RoomSettings = {
  mode: 'formal',
  observersMayComment: true,
  observerExports: 'none',
  numberingFrozen: true,
};

/**
 * The storage contract of `server/src/storage/storage.ts`, run against every adapter (SQLite and
 * PostgreSQL). `makeStorage` gives a fresh, empty backing store per test.
 */
export function storageContract(name: string, makeStorage: () => Promise<StorageHandle>): void {
  describe(`storage contract: ${name}`, () => {
    let handle: StorageHandle;
    let storage: Storage;

    beforeEach(async () => {
      handle = await makeStorage();
      storage = handle.storage;
      await storage.migrate();
    });
    afterEach(async () => {
      await handle.dispose();
    });

    it('migrates idempotently', async () => {
      await storage.migrate();
      await storage.migrate();
      await storage.appendUpdates('r1', [update(1)]);
      await storage.migrate();
      expect((await storage.loadDocument('r1')).lastSeq).toBe(1);
    });

    it('returns null for an unknown room', async () => {
      expect(await storage.getRoom('nobody-here')).toBeNull();
    });

    it('returns an empty document for an unknown room', async () => {
      const doc = await storage.loadDocument('nobody-here');
      expect(doc).toEqual({ snapshot: null, snapshotSeq: 0, updates: [], lastSeq: 0 });
    });

    it('creates and then updates a room record', async () => {
      await storage.putRoom(record('r1'));
      expect(await storage.getRoom('r1')).toEqual(record('r1'));
      const changed = record('r1', { title: 'New title', symbol: null, updatedAt: 1_700_000_999_000 });
      await storage.putRoom(changed);
      const read = await storage.getRoom('r1');
      expect(read?.title).toBe('New title');
      expect(read?.symbol).toBeNull();
      expect(read?.updatedAt).toBe(1_700_000_999_000);
      expect(read?.createdAt).toBe(1_700_000_000_000);
      expect(await storage.listRooms()).toHaveLength(1);
    });

    it('appends updates with increasing seq and records who wrote them and when', async () => {
      const first = await storage.appendUpdates('r1', [update(1, 'France', 'p-1', 1000)]);
      const second = await storage.appendUpdates('r1', [
        update(2, 'Brazil', null, 2000),
        update(3, 'Kenya', 'p-3', 3000),
      ]);
      expect(first).toBe(1);
      expect(second).toBe(3);
      const log = await storage.readUpdates('r1', 0, 100);
      expect(log.map((u) => u.seq)).toEqual([1, 2, 3]);
      expect(log.map((u) => [u.delegation, u.person, u.time])).toEqual([
        ['France', 'p-1', 1000],
        ['Brazil', null, 2000],
        ['Kenya', 'p-3', 3000],
      ]);
      expect(log.map((u) => [...u.update])).toEqual([
        [1, 2, 3],
        [2, 3, 4],
        [3, 4, 5],
      ]);
    });

    it('tells the last seq of each room that has updates, in one call', async () => {
      await storage.appendUpdates('r1', [update(1), update(2)]);
      await storage.appendUpdates('r2', [update(3)]);
      const seqs = await storage.lastSeqs(['r1', 'r2', 'empty']);
      expect([...seqs.entries()].sort()).toEqual([
        ['r1', 2],
        ['r2', 1],
      ]);
      expect((await storage.lastSeqs([])).size).toBe(0);
    });

    it('creates a minimal room record on the first append', async () => {
      expect(await storage.getRoom('fresh')).toBeNull();
      await storage.appendUpdates('fresh', [update(1)]);
      const created = await storage.getRoom('fresh');
      expect(created?.id).toBe('fresh');
      expect((await storage.listRooms()).map((r) => r.id)).toEqual(['fresh']);
    });

    it('starts the sequence of a deleted room again at 1 and recreates its record', async () => {
      await storage.appendUpdates('r1', [update(1)]);
      expect(await storage.appendUpdates('r1', [update(2)])).toBe(2);
      await storage.deleteRoom('r1');
      expect(await storage.appendUpdates('r1', [update(3)])).toBe(1);
      expect((await storage.loadDocument('r1')).updates.map((u) => u[0])).toEqual([3]);
      expect(await storage.getRoom('r1')).not.toBeNull();
    });

    it('moves a room record forward as updates keep arriving', async () => {
      const t0 = 1_800_000_000_000;
      await storage.appendUpdates('r1', [update(1, 'France', null, t0)]);
      expect((await storage.getRoom('r1'))?.updatedAt).toBe(t0);
      await storage.appendUpdates('r1', [update(2, 'France', null, t0 + 5000)]);
      expect((await storage.getRoom('r1'))?.updatedAt).toBe(t0 + 5000);
    });

    it('keeps an existing room record when appending', async () => {
      await storage.putRoom(record('r1'));
      await storage.appendUpdates('r1', [update(1)]);
      const read = await storage.getRoom('r1');
      expect(read?.title).toBe('Title of r1');
      expect(read?.template).toBe('blank');
    });

    it('loads the snapshot and the updates after it, in order', async () => {
      await storage.appendUpdates('r1', [update(1), update(2), update(3)]);
      await storage.writeSnapshot('r1', 2, bytes(9, 9));
      await storage.appendUpdates('r1', [update(4)]);
      const doc = await storage.loadDocument('r1');
      expect(doc.snapshot && [...doc.snapshot]).toEqual([9, 9]);
      expect(doc.snapshotSeq).toBe(2);
      expect(doc.updates.map((u) => [...u])).toEqual([
        [3, 4, 5],
        [4, 5, 6],
      ]);
      expect(doc.lastSeq).toBe(4);
    });

    it('loads every update when there is no snapshot', async () => {
      await storage.appendUpdates('r1', [update(1), update(2)]);
      const doc = await storage.loadDocument('r1');
      expect(doc.snapshot).toBeNull();
      expect(doc.snapshotSeq).toBe(0);
      expect(doc.updates).toHaveLength(2);
      expect(doc.lastSeq).toBe(2);
    });

    it('reports the snapshot seq as lastSeq when no update follows it', async () => {
      await storage.appendUpdates('r1', [update(1), update(2)]);
      await storage.writeSnapshot('r1', 2, bytes(7));
      const doc = await storage.loadDocument('r1');
      expect(doc.updates).toEqual([]);
      expect(doc.lastSeq).toBe(2);
    });

    it('never moves a snapshot backwards', async () => {
      await storage.appendUpdates('r1', [update(1), update(2), update(3)]);
      await storage.writeSnapshot('r1', 3, bytes(3, 3));
      await storage.writeSnapshot('r1', 1, bytes(1, 1));
      const doc = await storage.loadDocument('r1');
      expect(doc.snapshotSeq).toBe(3);
      expect(doc.snapshot && [...doc.snapshot]).toEqual([3, 3]);
      expect(doc.updates).toEqual([]);
    });

    it('keeps the update log after a snapshot', async () => {
      await storage.appendUpdates('r1', [update(1), update(2)]);
      await storage.writeSnapshot('r1', 2, bytes(5));
      expect((await storage.readUpdates('r1', 0, 10)).map((u) => u.seq)).toEqual([1, 2]);
      expect(await storage.appendUpdates('r1', [update(3)])).toBe(3);
    });

    it('pages through the update log', async () => {
      await storage.appendUpdates(
        'r1',
        [1, 2, 3, 4, 5].map((n) => update(n)),
      );
      const pages: number[][] = [];
      let after = 0;
      for (;;) {
        const page = await storage.readUpdates('r1', after, 2);
        if (page.length === 0) break;
        pages.push(page.map((u) => u.seq));
        after = page[page.length - 1]?.seq ?? after;
      }
      expect(pages).toEqual([[1, 2], [3, 4], [5]]);
      expect(await storage.readUpdates('r1', 5, 2)).toEqual([]);
      expect(await storage.readUpdates('unknown', 0, 2)).toEqual([]);
    });

    it('lists rooms most recently changed first', async () => {
      await storage.putRoom(record('old', { updatedAt: 1000 }));
      await storage.putRoom(record('newest', { updatedAt: 3000 }));
      await storage.putRoom(record('middle', { updatedAt: 2000 }));
      expect((await storage.listRooms()).map((r) => r.id)).toEqual(['newest', 'middle', 'old']);
      await storage.appendUpdates('old', [update(1, 'France', null, 4000)]);
      expect((await storage.listRooms()).map((r) => r.id)).toEqual(['old', 'newest', 'middle']);
    });

    it('lists no rooms when nothing is stored', async () => {
      expect(await storage.listRooms()).toEqual([]);
    });

    it('deletes a room with its record, log and snapshot', async () => {
      await storage.putRoom(record('r1'));
      await storage.appendUpdates('r1', [update(1), update(2)]);
      await storage.writeSnapshot('r1', 2, bytes(1));
      await storage.deleteRoom('r1');
      expect(await storage.getRoom('r1')).toBeNull();
      expect(await storage.loadDocument('r1')).toEqual({ snapshot: null, snapshotSeq: 0, updates: [], lastSeq: 0 });
      expect(await storage.readUpdates('r1', 0, 10)).toEqual([]);
      expect(await storage.listRooms()).toEqual([]);
      expect(await storage.appendUpdates('r1', [update(3)])).toBe(1);
    });

    it('deletes an unknown room without failing', async () => {
      await expect(storage.deleteRoom('never-stored')).resolves.toBeUndefined();
    });

    it('keeps rooms apart', async () => {
      await storage.putRoom(record('a'));
      await storage.appendUpdates('a', [update(1), update(2)]);
      await storage.appendUpdates('b', [update(10)]);
      await storage.writeSnapshot('a', 2, bytes(42));
      expect(await storage.appendUpdates('b', [update(11)])).toBe(2);
      const b = await storage.loadDocument('b');
      expect(b.snapshot).toBeNull();
      expect(b.updates.map((u) => u[0])).toEqual([10, 11]);
      await storage.deleteRoom('a');
      expect((await storage.loadDocument('b')).lastSeq).toBe(2);
      expect(await storage.getRoom('b')).not.toBeNull();
      expect((await storage.readUpdates('b', 0, 10)).map((u) => u.update[0])).toEqual([10, 11]);
    });

    it('keeps every record across close and reopen', async () => {
      await storage.putRoom(record('r1'));
      await storage.appendUpdates('r1', [update(1, 'France', 'p-1', 1000), update(2)]);
      await storage.writeSnapshot('r1', 1, bytes(8));
      await storage.close();
      const reopened = await handle.reopen();
      await reopened.migrate();
      expect(await reopened.getRoom('r1')).toEqual({ ...record('r1'), updatedAt: expect.any(Number) });
      const doc = await reopened.loadDocument('r1');
      expect(doc.snapshotSeq).toBe(1);
      expect(doc.updates.map((u) => [...u])).toEqual([[2, 3, 4]]);
      const log = await reopened.readUpdates('r1', 0, 10);
      expect(log[0]).toMatchObject({ seq: 1, delegation: 'France', person: 'p-1', time: 1000 });
      expect(await reopened.appendUpdates('r1', [update(3)])).toBe(3);
    });

    it('records revocations per room, oldest first', async () => {
      expect(await storage.listRevocations('r1')).toEqual([]);
      const later = revocation('r1', { kind: 'person', value: 'p-7', revokedAt: 2000, revokedBy: 'Chair (p-1)' });
      const earlier = revocation('r1', { revokedAt: 1000 });
      await storage.addRevocation(later);
      await storage.addRevocation(earlier);
      await storage.addRevocation(revocation('r2', { value: 'Kenya' }));
      expect(await storage.listRevocations('r1')).toEqual([earlier, later]);
      expect((await storage.listRevocations('r2')).map((r) => r.value)).toEqual(['Kenya']);
    });

    it('keeps a revocation of the same value twice', async () => {
      await storage.addRevocation(revocation('r1', { revokedAt: 1000 }));
      await storage.addRevocation(revocation('r1', { revokedAt: 2000 }));
      expect((await storage.listRevocations('r1')).map((r) => r.revokedAt)).toEqual([1000, 2000]);
    });

    it('reports a room as active until its status is set', async () => {
      expect(await storage.getRoomStatus('r1')).toBe('active');
      await storage.setRoomStatus('r1', 'archived');
      expect(await storage.getRoomStatus('r1')).toBe('archived');
      expect(await storage.getRoomStatus('r2')).toBe('active');
      await storage.setRoomStatus('r1', 'deleted');
      expect(await storage.getRoomStatus('r1')).toBe('deleted');
    });

    it('returns the default settings until some are stored, then the stored ones', async () => {
      expect(await storage.getRoomSettings('r1')).toEqual(DEFAULT_ROOM_SETTINGS);
      expect(DEFAULT_ROOM_SETTINGS).toEqual({
        mode: 'informal',
        observersMayComment: false,
        observerExports: 'clean',
        numberingFrozen: false,
      });
      await storage.putRoomSettings('r1', FORMAL);
      expect(await storage.getRoomSettings('r1')).toEqual(FORMAL);
      expect(await storage.getRoomSettings('r2')).toEqual(DEFAULT_ROOM_SETTINGS);
    });

    it('keeps settings and status apart', async () => {
      await storage.putRoomSettings('r1', FORMAL);
      await storage.setRoomStatus('r1', 'archived');
      expect(await storage.getRoomSettings('r1')).toEqual(FORMAL);
      await storage.setRoomStatus('r2', 'archived');
      await storage.putRoomSettings('r2', FORMAL);
      expect(await storage.getRoomStatus('r2')).toBe('archived');
    });

    it('keeps the deleted status as a tombstone when a room is deleted, and drops the rest', async () => {
      await storage.putRoom(record('r1'));
      await storage.appendUpdates('r1', [update(1)]);
      await storage.putRoomSettings('r1', FORMAL);
      await storage.addRevocation(revocation('r1'));
      await storage.setRoomStatus('r1', 'deleted');
      await storage.deleteRoom('r1');
      expect(await storage.getRoomStatus('r1')).toBe('deleted');
      expect(await storage.getRoom('r1')).toBeNull();
      expect(await storage.getRoomSettings('r1')).toEqual(DEFAULT_ROOM_SETTINGS);
      expect(await storage.listRevocations('r1')).toEqual([]);
    });

    it('keeps revocations, status and settings across close and reopen', async () => {
      await storage.addRevocation(revocation('r1'));
      await storage.setRoomStatus('r1', 'archived');
      await storage.putRoomSettings('r1', FORMAL);
      await storage.close();
      const reopened = await handle.reopen();
      await reopened.migrate();
      expect(await reopened.listRevocations('r1')).toEqual([revocation('r1')]);
      expect(await reopened.getRoomStatus('r1')).toBe('archived');
      expect(await reopened.getRoomSettings('r1')).toEqual(FORMAL);
    });

    it('lists the invites of a room that have not expired, oldest first', async () => {
      const issued = 1_700_000_000_000;
      await storage.addInvite(invite('r1', 'b', { issuedAt: issued + 2, expiresAt: issued + 5000 }));
      await storage.addInvite(invite('r1', 'a', { issuedAt: issued + 1, expiresAt: issued + 5000, role: 'observer' }));
      await storage.addInvite(invite('r1', 'old', { issuedAt: issued, expiresAt: issued + 1000 }));
      await storage.addInvite(invite('r2', 'elsewhere'));
      expect(await storage.listInvites('r1', issued + 1000)).toEqual([
        invite('r1', 'a', { issuedAt: issued + 1, expiresAt: issued + 5000, role: 'observer' }),
        invite('r1', 'b', { issuedAt: issued + 2, expiresAt: issued + 5000 }),
      ]);
      expect(await storage.listInvites('r1', issued)).toHaveLength(3);
      expect(await storage.listInvites('nobody-here', issued)).toEqual([]);
    });

    it('ignores a second invite with the same jti', async () => {
      await storage.addInvite(invite('r1', 'a'));
      await storage.addInvite(invite('r1', 'a', { delegation: 'France' }));
      expect((await storage.listInvites('r1', 0)).map((i) => i.delegation)).toEqual(['Kenya']);
    });

    it('binds a client id to its first author only', async () => {
      await storage.putAuthorBindings('r1', [binding(7), binding(3)]);
      await storage.putAuthorBindings('r1', [binding(7, { author: 'France\u0000sub:p2', delegation: 'France' })]);
      await storage.putAuthorBindings('r2', [
        binding(7, { author: 'Chile\u0000jti:x', delegation: 'Chile', person: null }),
      ]);
      expect(await storage.listAuthorBindings('r1')).toEqual([binding(3), binding(7)]);
      expect(await storage.listAuthorBindings('r2')).toEqual([
        binding(7, { author: 'Chile\u0000jti:x', delegation: 'Chile', person: null }),
      ]);
    });

    it('drops invites and author bindings with a deleted room', async () => {
      await storage.addInvite(invite('r1', 'a'));
      await storage.putAuthorBindings('r1', [binding(1)]);
      await storage.deleteRoom('r1');
      expect(await storage.listInvites('r1', 0)).toEqual([]);
      expect(await storage.listAuthorBindings('r1')).toEqual([]);
    });

    it('keeps invites and author bindings across close and reopen', async () => {
      await storage.addInvite(invite('r1', 'a'));
      await storage.putAuthorBindings('r1', [binding(1)]);
      await storage.close();
      const reopened = await handle.reopen();
      await reopened.migrate();
      expect(await reopened.listInvites('r1', 0)).toEqual([invite('r1', 'a')]);
      expect(await reopened.listAuthorBindings('r1')).toEqual([binding(1)]);
    });

    it('stores comment threads with their messages and reads them back in order', async () => {
      await storage.putCommentThread(thread('r1', 't1'));
      await storage.putCommentMessage(message('r1', 't1', 'm1'));
      await storage.putCommentMessage(message('r1', 't1', 'm2', { delegation: 'Peru', createdAt: 1_700_000_000_500 }));
      await storage.putCommentThread(thread('r1', 't2', { visibility: 'delegation', createdAt: 1_700_000_000_900 }));
      await storage.putCommentThread(thread('r2', 't1'));
      const threads = await storage.listCommentThreads('r1');
      expect(threads.map((t) => t.id)).toEqual(['t1', 't2']);
      expect(threads[0]).toEqual({
        ...thread('r1', 't1'),
        messages: [
          message('r1', 't1', 'm1'),
          message('r1', 't1', 'm2', { delegation: 'Peru', createdAt: 1_700_000_000_500 }),
        ],
      });
      expect(threads[1]?.visibility).toBe('delegation');
      expect(await storage.getCommentThread('r1', 't2')).toEqual({ ...threads[1], messages: [] });
      expect(await storage.getCommentThread('r1', 'missing')).toBeNull();
      expect(await storage.listCommentThreads('r3')).toEqual([]);
    });

    it("updates a thread's status and a message's body without touching the anchor or other messages", async () => {
      await storage.putCommentThread(thread('r1', 't1'));
      await storage.putCommentMessage(message('r1', 't1', 'm1'));
      await storage.putCommentMessage(message('r1', 't1', 'm2'));
      await storage.putCommentThread(
        thread('r1', 't1', { clauseId: 'other', status: 'resolved', statusBy: 'Chair', updatedAt: 1_700_000_009_000 }),
      );
      await storage.putCommentMessage(
        message('r1', 't1', 'm1', { body: '', mentions: [], deleted: true, editedAt: 1_700_000_009_000 }),
      );
      const stored = await storage.getCommentThread('r1', 't1');
      expect(stored?.clauseId).toBe('op-1');
      expect(stored?.status).toBe('resolved');
      expect(stored?.statusBy).toBe('Chair');
      expect(stored?.messages.map((m) => [m.id, m.deleted, m.body])).toEqual([
        ['m1', true, ''],
        ['m2', false, 'See @Peru\nsecond line'],
      ]);
    });

    it('stores a thread and its message together, and counts the threads of a room', async () => {
      await storage.putCommentChange(thread('r1', 't1'), message('r1', 't1', 'm1'));
      await storage.putCommentChange(
        thread('r1', 't1', { updatedAt: 1_700_000_009_000 }),
        message('r1', 't1', 'm2', { createdAt: 1_700_000_009_000 }),
      );
      await storage.putCommentChange(thread('r1', 't2'), message('r1', 't2', 'm1'));
      const stored = await storage.getCommentThread('r1', 't1');
      expect(stored?.updatedAt).toBe(1_700_000_009_000);
      expect(stored?.messages.map((m) => m.id)).toEqual(['m1', 'm2']);
      expect(await storage.countCommentThreads('r1')).toBe(2);
      expect(await storage.countCommentThreads('r2')).toBe(0);
    });

    it('keeps comments across close and reopen, and drops them with the room', async () => {
      await storage.putCommentThread(thread('r1', 't1'));
      await storage.putCommentMessage(message('r1', 't1', 'm1'));
      await storage.close();
      const reopened = await handle.reopen();
      await reopened.migrate();
      expect(await reopened.listCommentThreads('r1')).toEqual([
        { ...thread('r1', 't1'), messages: [message('r1', 't1', 'm1')] },
      ]);
      await reopened.deleteRoom('r1');
      expect(await reopened.listCommentThreads('r1')).toEqual([]);
    });

    it('stores suggestion records, updates them without rewriting who made them, and lists them oldest first', async () => {
      const first: SuggestionRecord = {
        id: 's-b',
        kind: 'insertion',
        delegation: 'France',
        person: 'p-fr',
        clauseId: 'c1',
        text: 'new words',
        createdAt: 1_700_000_000_000,
        status: 'open',
      };
      const second: SuggestionRecord = {
        ...first,
        id: 's-a',
        kind: 'deletion',
        person: null,
        createdAt: 1_700_000_001_000,
      };
      await storage.putSuggestions('r1', [second, first]);
      await storage.putSuggestions('r2', [{ ...first, id: 's-c' }]);
      expect(await storage.listSuggestions('r1')).toEqual([first, second]);
      await storage.putSuggestions('r1', [
        {
          ...first,
          delegation: 'Brazil',
          person: 'p-br',
          kind: 'deletion',
          createdAt: 1,
          text: 'newer words',
          clauseId: 'c2',
          status: 'accepted',
          decidedBy: 'Chair',
          decidedAt: 1_700_000_002_000,
        },
      ]);
      expect((await storage.listSuggestions('r1'))[0]).toEqual({
        ...first,
        text: 'newer words',
        clauseId: 'c2',
        status: 'accepted',
        decidedBy: 'Chair',
        decidedAt: 1_700_000_002_000,
      });
      expect(await storage.listSuggestions('unknown')).toEqual([]);
    });

    it('keeps suggestions across close and reopen, and drops them with the room', async () => {
      const record: SuggestionRecord = {
        id: 's1',
        kind: 'deletion',
        delegation: 'Chile',
        person: null,
        clauseId: 'c1',
        text: 'old words',
        createdAt: 1_700_000_000_000,
        status: 'open',
      };
      await storage.putSuggestions('r1', [record]);
      await storage.putSuggestions('r2', [record]);
      await storage.close();
      const reopened = await handle.reopen();
      await reopened.migrate();
      expect(await reopened.listSuggestions('r1')).toEqual([record]);
      await reopened.deleteRoom('r1');
      expect(await reopened.listSuggestions('r1')).toEqual([]);
      expect(await reopened.listSuggestions('r2')).toEqual([record]);
    });

    it('stores position records: proposals keep who proposed them, one stance per delegation, every status change in order', async () => {
      const bracket: ProposalRecord = {
        id: 'b1',
        kind: 'bracket',
        clauseId: 'c1',
        groupId: null,
        proposedBy: 'Brazil',
        person: 'p-br',
        createdAt: 1_700_000_000_000,
        status: 'open',
      };
      const option: ProposalRecord = {
        ...bracket,
        id: 'o2',
        kind: 'option',
        groupId: 'g1',
        createdAt: 1_700_000_000_500,
      };
      await storage.putPositions('r1', { proposals: [option, bracket] });
      await storage.putPositions('r1', {
        proposals: [
          {
            ...bracket,
            proposedBy: 'France',
            person: null,
            createdAt: 5,
            status: 'removed',
            decidedBy: 'Chair',
            decidedAt: 9,
          },
        ],
        stances: [
          { target: 'b1', delegation: 'Kenya', stance: 'object', at: 10 },
          { target: 'b1', delegation: 'Chile', stance: 'support', at: 11 },
        ],
        statuses: [{ clauseId: 'c1', status: 'agreed', statusBy: 'Chair', statusAt: 12 }],
      });
      await storage.putPositions('r1', {
        stances: [{ target: 'b1', delegation: 'Kenya', stance: 'support', at: 13 }],
        statuses: [{ clauseId: 'c1', status: 'under-discussion', statusBy: 'Chair', statusAt: 14 }],
        frozen: { c1: '1', c2: '2' },
      });
      await storage.putPositions('r2', { stances: [{ target: 'b1', delegation: 'Peru', stance: 'object', at: 1 }] });
      const stored = await storage.listPositions('r1');
      expect(stored.proposals).toEqual([{ ...bracket, status: 'removed', decidedBy: 'Chair', decidedAt: 9 }, option]);
      expect(stored.stances).toEqual([
        { target: 'b1', delegation: 'Chile', stance: 'support', at: 11 },
        { target: 'b1', delegation: 'Kenya', stance: 'support', at: 13 },
      ]);
      expect(stored.statuses.map((s) => s.status)).toEqual(['agreed', 'under-discussion']);
      expect(stored.frozen).toEqual({ c1: '1', c2: '2' });
      await storage.putPositions('r1', { frozen: null });
      expect((await storage.listPositions('r1')).frozen).toBeNull();
      expect(await storage.listPositions('unknown')).toEqual({
        proposals: [],
        stances: [],
        statuses: [],
        picks: [],
        frozen: null,
      });
    });

    it('keeps picks with their discarded texts across close and reopen, and drops positions with the room', async () => {
      const pick: PickRecord = {
        id: 'g1',
        clauseId: 'c1',
        option: 'o2',
        pickedBy: 'Chair',
        pickedAt: 1_700_000_000_000,
        discarded: [{ id: 'o1', label: 'Alt 1', text: 'shall refrain from' }],
      };
      await storage.putPositions('r1', { picks: [pick], frozen: { c1: '1' } });
      await storage.putPositions('r2', { picks: [pick] });
      await storage.close();
      const reopened = await handle.reopen();
      await reopened.migrate();
      expect((await reopened.listPositions('r1')).picks).toEqual([pick]);
      await reopened.deleteRoom('r1');
      expect(await reopened.listPositions('r1')).toEqual({
        proposals: [],
        stances: [],
        statuses: [],
        picks: [],
        frozen: null,
      });
      expect((await reopened.listPositions('r2')).picks).toEqual([pick]);
    });

    it('stores revisions immutably, lists them in issue order without documents, and reads one back', async () => {
      const first = revision(1, 'Zero draft');
      const second = revision(2, 'Rev.1', { prevHash: first.hash, note: null, numberingWasFrozen: true });
      await storage.addRevision('r1', second);
      await storage.addRevision('r1', first);
      await storage.addRevision('r2', first);
      const { state: _s, numbers: _n, numberingWasFrozen: _f, ...summary } = first;
      const listed = await storage.listRevisions('r1');
      expect(listed.map((r) => r.label)).toEqual(['Zero draft', 'Rev.1']);
      expect(listed[0]).toEqual(summary);
      expect(await storage.getRevision('r1', second.id)).toEqual(second);
      expect(await storage.getRevision('r1', 'rev-9')).toBeNull();
      expect(await storage.listRevisions('unknown')).toEqual([]);
    });

    it('refuses a second revision with the same id, seq or label and stores nothing of it', async () => {
      await storage.addRevision('r1', revision(1, 'Rev.1'));
      await expect(storage.addRevision('r1', revision(1, 'Rev.2'))).rejects.toBeInstanceOf(StorageError);
      await expect(storage.addRevision('r1', { ...revision(2, 'Rev.1') })).rejects.toBeInstanceOf(StorageError);
      await expect(storage.addRevision('r1', { ...revision(2, 'Rev.2'), id: 'rev-1' })).rejects.toBeInstanceOf(
        StorageError,
      );
      expect((await storage.listRevisions('r1')).map((r) => r.label)).toEqual(['Rev.1']);
    });

    it('keeps revisions across close and reopen, and drops them with the room', async () => {
      await storage.addRevision('r1', revision(1, 'Rev.1'));
      await storage.addRevision('r2', revision(1, 'Rev.1'));
      await storage.close();
      const reopened = await handle.reopen();
      await reopened.migrate();
      expect(await reopened.getRevision('r1', 'rev-1')).toEqual(revision(1, 'Rev.1'));
      await reopened.deleteRoom('r1');
      expect(await reopened.listRevisions('r1')).toEqual([]);
      expect(await reopened.getRevision('r1', 'rev-1')).toBeNull();
      expect(await reopened.listRevisions('r2')).toHaveLength(1);
    });
  });
}

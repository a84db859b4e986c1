import { join } from 'node:path';
import { CloseCode, MessageType, type PositionRecords, readAck, type SuggestionRecord } from '@plenary/protocol';
import { DRAFT_FRAGMENT } from '@plenary/schema';
import {
  type AuthorBinding,
  type CommentMessageRecord,
  type CommentThreadFields,
  type CommentThreadRecord,
  type InviteRecord,
  type PositionChanges,
  type RevisionRecord,
  type RevisionSummary,
  type Revocation,
  type RoomRecord,
  type RoomSettings,
  type RoomStatus,
  SqliteStorage,
  type Storage,
  type StoredDocument,
  type StoredUpdate,
  type UpdateToStore,
} from '@plenary/server';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { connectClient, type TestClient, waitFor, whenSynced } from '../support/clients.js';
import { openRaw, whenClosed } from '../support/raw-socket.js';
import { makeDataDir, startTestServer, type TestServer } from '../support/server.js';

/** SQLite underneath, with loads counted, optionally held back, and optionally failing. */
class InstrumentedStorage implements Storage {
  readonly loads: string[] = [];
  /** Rooms whose `loadDocument` rejects. */
  readonly failing = new Set<string>();
  /** While set, `loadDocument` waits for it before reading. */
  gate: Promise<void> | null = null;
  private readonly inner: SqliteStorage;

  constructor(dataDir: string) {
    this.inner = new SqliteStorage({ file: join(dataDir, 'plenary.db') });
  }

  migrate(): Promise<void> {
    return this.inner.migrate();
  }
  getRoom(id: string): Promise<RoomRecord | null> {
    return this.inner.getRoom(id);
  }
  putRoom(record: RoomRecord): Promise<void> {
    return this.inner.putRoom(record);
  }
  listRooms(): Promise<RoomRecord[]> {
    return this.inner.listRooms();
  }
  appendUpdates(room: string, updates: readonly UpdateToStore[]): Promise<number> {
    return this.inner.appendUpdates(room, updates);
  }
  async loadDocument(room: string): Promise<StoredDocument> {
    this.loads.push(room);
    if (this.gate) await this.gate;
    if (this.failing.has(room)) throw new Error(`disk on fire while reading ${room}`);
    return this.inner.loadDocument(room);
  }
  writeSnapshot(room: string, seq: number, state: Uint8Array): Promise<void> {
    return this.inner.writeSnapshot(room, seq, state);
  }
  readUpdates(room: string, afterSeq: number, limit: number): Promise<StoredUpdate[]> {
    return this.inner.readUpdates(room, afterSeq, limit);
  }
  lastSeqs(rooms: readonly string[]): Promise<Map<string, number>> {
    return this.inner.lastSeqs(rooms);
  }
  deleteRoom(room: string): Promise<void> {
    return this.inner.deleteRoom(room);
  }
  addRevocation(revocation: Revocation): Promise<void> {
    return this.inner.addRevocation(revocation);
  }
  listRevocations(room: string): Promise<Revocation[]> {
    return this.inner.listRevocations(room);
  }
  addInvite(invite: InviteRecord): Promise<void> {
    return this.inner.addInvite(invite);
  }
  listInvites(room: string, now: number): Promise<InviteRecord[]> {
    return this.inner.listInvites(room, now);
  }
  putAuthorBindings(room: string, bindings: readonly AuthorBinding[]): Promise<void> {
    return this.inner.putAuthorBindings(room, bindings);
  }
  listAuthorBindings(room: string): Promise<AuthorBinding[]> {
    return this.inner.listAuthorBindings(room);
  }
  getRoomStatus(room: string): Promise<RoomStatus> {
    return this.inner.getRoomStatus(room);
  }
  setRoomStatus(room: string, status: RoomStatus): Promise<void> {
    return this.inner.setRoomStatus(room, status);
  }
  getRoomSettings(room: string): Promise<RoomSettings> {
    return this.inner.getRoomSettings(room);
  }
  putRoomSettings(room: string, settings: RoomSettings): Promise<void> {
    return this.inner.putRoomSettings(room, settings);
  }
  countCommentThreads(room: string): Promise<number> {
    return this.inner.countCommentThreads(room);
  }
  putCommentThread(thread: CommentThreadFields): Promise<void> {
    return this.inner.putCommentThread(thread);
  }
  putCommentChange(thread: CommentThreadFields, message: CommentMessageRecord): Promise<void> {
    return this.inner.putCommentChange(thread, message);
  }
  putCommentMessage(message: CommentMessageRecord): Promise<void> {
    return this.inner.putCommentMessage(message);
  }
  getCommentThread(room: string, id: string): Promise<CommentThreadRecord | null> {
    return this.inner.getCommentThread(room, id);
  }
  listCommentThreads(room: string): Promise<CommentThreadRecord[]> {
    return this.inner.listCommentThreads(room);
  }
  putSuggestions(room: string, records: readonly SuggestionRecord[]): Promise<void> {
    return this.inner.putSuggestions(room, records);
  }
  listSuggestions(room: string): Promise<SuggestionRecord[]> {
    return this.inner.listSuggestions(room);
  }
  putPositions(room: string, changes: PositionChanges): Promise<void> {
    return this.inner.putPositions(room, changes);
  }
  listPositions(room: string): Promise<PositionRecords> {
    return this.inner.listPositions(room);
  }
  addRevision(room: string, revision: RevisionRecord): Promise<void> {
    return this.inner.addRevision(room, revision);
  }
  listRevisions(room: string): Promise<RevisionSummary[]> {
    return this.inner.listRevisions(room);
  }
  getRevision(room: string, id: string): Promise<RevisionRecord | null> {
    return this.inner.getRevision(room, id);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** One frame holding a Yjs update of `text` inserted into a fresh doc. */
function updateFrame(doc: Y.Doc, insert: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getText('t').insert(doc.getText('t').length, insert);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc, before));
  return encoding.toUint8Array(encoder);
}

function syncStep1Frame(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeSyncStep1(encoder, new Y.Doc());
  return encoding.toUint8Array(encoder);
}

/** The message type of each frame, and the ack values among them. */
function classify(frames: readonly Uint8Array[]): { types: number[]; acks: number[] } {
  const types: number[] = [];
  const acks: number[] = [];
  for (const frame of frames) {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    types.push(type);
    if (type === MessageType.ack) acks.push(readAck(decoder));
  }
  return { types, acks };
}

function isSyncStep2(frame: Uint8Array): boolean {
  return frame[0] === MessageType.sync && frame[1] === 1;
}

describe('room lifecycle', () => {
  let server: TestServer | null = null;
  const clients: TestClient[] = [];
  const sockets: WebSocket[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.terminate();
    for (const client of clients.splice(0)) client.destroy();
    await server?.stop();
    server = null;
  });

  async function start(storage?: Storage): Promise<TestServer> {
    const dataDir = makeDataDir();
    server = await startTestServer(storage ? { dataDir, storage } : { dataDir });
    return server;
  }

  async function joinRoom(
    s: TestServer,
    room: string,
    delegation: string,
    options: { params?: Record<string, string>; sync?: boolean } = {},
  ): Promise<TestClient> {
    const client = connectClient(s.wsUrl, room, await s.token(room, delegation), { params: options.params ?? {} });
    clients.push(client);
    if (options.sync ?? true) await whenSynced(client.provider);
    return client;
  }

  /** A raw socket with every frame it receives and its close, both recorded from the start. */
  async function raw(
    s: TestServer,
    room: string,
    query = '',
  ): Promise<{ socket: WebSocket; frames: Uint8Array[]; closed: Promise<{ code: number; reason: string }> }> {
    const opened = await openRaw(`${s.wsUrl}/${room}?token=${await s.token(room, 'Raw')}${query}`);
    if (!opened.ok) throw new Error(`refused with ${opened.status}`);
    sockets.push(opened.socket);
    const frames: Uint8Array[] = [];
    opened.socket.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
    return { socket: opened.socket, frames, closed: whenClosed(opened.socket) };
  }

  it('opens an unknown room empty and stores nothing until the first write', async () => {
    const s = await start();
    const storage = s.server.storage;
    const first = await joinRoom(s, 'brand-new', 'Italy');
    expect(first.doc.getText('t').toString()).toBe('');
    expect(s.server.rooms.size).toBe(1);
    // Presence is not a write.
    first.provider.awareness.setLocalStateField('user', { name: 'Italy' });
    const second = await joinRoom(s, 'brand-new', 'Japan');
    await waitFor(() => second.provider.awareness.getStates().size === 2, 'presence reaches the second client');
    expect(await storage.getRoom('brand-new')).toBeNull();
    expect(await storage.loadDocument('brand-new')).toMatchObject({ lastSeq: 0, updates: [] });
    expect(await storage.listRooms()).toEqual([]);

    first.doc.getText('t').insert(0, 'First words');
    await waitFor(() => second.doc.getText('t').toString() === 'First words', 'the write reaches the second client');
    expect(await storage.getRoom('brand-new')).toMatchObject({ id: 'brand-new' });
    const log = await storage.readUpdates('brand-new', 0, 100);
    expect(log.map((u) => u.delegation)).toContain('Italy');
  });

  it('loads a room once however many clients join at the same moment', async () => {
    const dataDir = makeDataDir();
    const seedStorage = new SqliteStorage({ file: join(dataDir, 'plenary.db') });
    await seedStorage.migrate();
    const seed = new Y.Doc();
    seed.getText('t').insert(0, 'Stored before anyone joined');
    await seedStorage.appendUpdates('crowded', [
      { update: Y.encodeStateAsUpdate(seed), delegation: 'Seed', person: null, time: Date.now() },
    ]);
    await seedStorage.close();

    const storage = new InstrumentedStorage(dataDir);
    server = await startTestServer({ dataDir, storage });
    const s = server;
    let release = () => {};
    storage.gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const registry = s.server.rooms;
    const acquire = registry.acquire.bind(registry);
    let acquiring = 0;
    registry.acquire = (id: string) => {
      acquiring++;
      return acquire(id);
    };

    const joiners = await Promise.all(
      Array.from({ length: 12 }, (_, i) => joinRoom(s, 'crowded', `Delegation ${i}`, { sync: false })),
    );
    // Hold the load until all twelve upgrades wait on it.
    await waitFor(() => acquiring === 12 && storage.loads.length === 1, 'all twelve joins wait on one load');
    release();
    storage.gate = null;
    await Promise.all(joiners.map((client) => whenSynced(client.provider)));
    expect(storage.loads).toEqual(['crowded']);
    for (const client of joiners) expect(client.doc.getText('t').toString()).toBe('Stored before anyone joined');
    expect(registry.size).toBe(1);
  });

  it('closes joiners with 4503 when the stored document fails to load, and never opens it empty', async () => {
    const dataDir = makeDataDir();
    const storage = new InstrumentedStorage(dataDir);
    server = await startTestServer({ dataDir, storage });
    const s = server;
    const writer = await joinRoom(s, 'fragile', 'Kenya');
    writer.doc.getText('t').insert(0, 'Precious agreed text');
    const reader = await joinRoom(s, 'fragile', 'Peru');
    await waitFor(() => reader.doc.getText('t').length > 0, 'stored');
    writer.destroy();
    reader.destroy();
    await waitFor(() => s.server.rooms.size === 0, 'the idle room unloads');

    storage.failing.add('fragile');
    const first = await raw(s, 'fragile');
    const second = await raw(s, 'fragile');
    expect((await first.closed).code).toBe(CloseCode.unavailable);
    expect((await second.closed).code).toBe(CloseCode.unavailable);
    // Nothing was sent before the close: no empty document reached the joiners.
    expect([...first.frames, ...second.frames]).toEqual([]);
    expect(s.server.rooms.size).toBe(0);

    // A stock client keeps retrying (4503 is retryable) and gets the stored text once loads work.
    const retrying = await joinRoom(s, 'fragile', 'Chile', { sync: false });
    await waitFor(() => storage.loads.filter((room) => room === 'fragile').length >= 5, 'the client retries');
    expect(retrying.provider.synced).toBe(false);
    storage.failing.delete('fragile');
    await whenSynced(retrying.provider);
    expect(retrying.doc.getText('t').toString()).toBe('Precious agreed text');
  });

  it('closes joiners with 4503 when stored updates do not decode, and leaves them stored', async () => {
    const s = await start();
    const good = new Y.Doc();
    good.getText('t').insert(0, 'Good part');
    await s.server.storage.appendUpdates('garbled', [
      { update: Y.encodeStateAsUpdate(good), delegation: 'Seed', person: null, time: Date.now() },
      { update: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]), delegation: 'Seed', person: null, time: Date.now() },
    ]);
    const joiner = await raw(s, 'garbled');
    expect((await joiner.closed).code).toBe(CloseCode.unavailable);
    expect(joiner.frames).toEqual([]);
    expect(s.server.rooms.size).toBe(0);
    expect((await s.server.storage.readUpdates('garbled', 0, 10)).map((u) => u.seq)).toEqual([1, 2]);
  });

  it('closes joiners with 4503 when the stored snapshot does not decode, and sends nothing', async () => {
    const s = await start();
    const good = new Y.Doc();
    good.getText('t').insert(0, 'Good part');
    const seq = await s.server.storage.appendUpdates('garbled-snapshot', [
      { update: Y.encodeStateAsUpdate(good), delegation: 'Seed', person: null, time: Date.now() },
    ]);
    // A snapshot with nothing after it is only parsed when the room loads, not decoded.
    await s.server.storage.writeSnapshot('garbled-snapshot', seq, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const joiner = await raw(s, 'garbled-snapshot');
    expect((await joiner.closed).code).toBe(CloseCode.unavailable);
    expect(joiner.frames).toEqual([]);
    expect(s.server.rooms.size).toBe(0);
  });

  it('serves a room reloaded from its snapshot to fresh joins, returning clients and writers alike', async () => {
    const s = await start();
    const first = await joinRoom(s, 'reopened', 'Kenya');
    first.doc.getText('t').insert(0, 'Agreed before the break');
    // Kept offline while the room unloads: it returns with a state of its own and a new edit.
    const returning = await joinRoom(s, 'reopened', 'Peru');
    await waitFor(() => returning.doc.getText('t').length > 0, 'the second client has the text');
    first.destroy();
    returning.provider.disconnect();
    await waitFor(() => s.server.rooms.size === 0, 'the idle room unloads');
    returning.doc.getText('t').insert(0, 'Offline: ');

    const fresh = await joinRoom(s, 'reopened', 'Chile');
    expect(fresh.doc.getText('t').toString()).toBe('Agreed before the break');
    returning.provider.connect();
    await waitFor(
      () => fresh.doc.getText('t').toString() === 'Offline: Agreed before the break',
      'the returning client’s edit reaches the fresh one',
    );
    fresh.doc.getText('t').insert(fresh.doc.getText('t').length, '.');
    await waitFor(() => returning.doc.getText('t').toString().endsWith('break.'), 'a write after the reload');
    fresh.destroy();
    returning.destroy();
    await waitFor(() => s.server.rooms.size === 0, 'the room unloads again');
    const reader = await joinRoom(s, 'reopened', 'Ghana');
    expect(reader.doc.getText('t').toString()).toBe('Offline: Agreed before the break.');
    reader.destroy();
  });

  it('unloads an idle room and restores its content when it is joined again', async () => {
    const s = await start();
    const writer = await joinRoom(s, 'sleepy', 'Nepal');
    const witness = await joinRoom(s, 'sleepy', 'Oman');
    writer.doc.getText('t').insert(0, 'Before the break');
    await waitFor(() => witness.doc.getText('t').length > 0, 'stored');
    expect(s.server.rooms.size).toBe(1);
    for (const client of clients.splice(0)) client.destroy();
    await waitFor(() => s.server.rooms.size === 0, 'the room unloads after roomIdleMs');
    // Unloading compacts the log into a snapshot.
    expect((await s.server.storage.loadDocument('sleepy')).snapshot).not.toBeNull();

    const back = await joinRoom(s, 'sleepy', 'Qatar');
    expect(back.doc.getText('t').toString()).toBe('Before the break');
    expect(s.server.rooms.size).toBe(1);
  });

  it('acknowledges stored writes with cumulative counts to a client that opted in', async () => {
    const s = await start();
    const { socket, frames } = await raw(s, 'acked', '&ext=ack');
    const doc = new Y.Doc();
    for (const word of ['one ', 'two ', 'three ']) socket.send(updateFrame(doc, word));
    await waitFor(() => classify(frames).acks.includes(3), 'ack 3 arrives');
    // Acknowledged means stored.
    expect(await s.server.storage.readUpdates('acked', 0, 10)).toHaveLength(3);
    const { acks } = classify(frames);
    expect(acks.length).toBeGreaterThan(0);
    expect(acks).toEqual([...acks].sort((a, b) => a - b));
    expect(new Set(acks).size).toBe(acks.length);
    expect(acks.at(-1)).toBe(3);
    socket.send(updateFrame(doc, 'four'));
    await waitFor(() => classify(frames).acks.includes(4), 'ack 4 arrives');

    // A stock provider with `params: { ext: 'ack' }` receives them too, through its handler table.
    const stock = connectClient(s.wsUrl, 'acked', await s.token('acked', 'Tonga'), {
      params: { ext: 'ack' },
      connect: false,
    });
    clients.push(stock);
    const stockAcks: number[] = [];
    stock.provider.messageHandlers[MessageType.ack] = (_encoder, decoder) => {
      stockAcks.push(readAck(decoder));
    };
    stock.provider.connect();
    await whenSynced(stock.provider);
    stock.doc.getText('t').insert(0, 'stock ');
    const before = stockAcks.at(-1) ?? 0;
    await waitFor(() => (stockAcks.at(-1) ?? 0) > before, 'the stock client receives an ack for its write');
    expect(await s.server.storage.readUpdates('acked', 0, 10)).toHaveLength(5);
  });

  it('sends no acknowledgement to a client that did not opt in', async () => {
    const s = await start();
    const { socket, frames } = await raw(s, 'plain');
    const doc = new Y.Doc();
    socket.send(updateFrame(doc, 'one '));
    socket.send(updateFrame(doc, 'two'));
    // The answer to a sync step 1 comes after every earlier write is committed (and acked).
    socket.send(syncStep1Frame());
    await waitFor(() => frames.some(isSyncStep2), 'the sync step 2 answer');
    expect(classify(frames).types).not.toContain(MessageType.ack);
    expect(await s.server.storage.readUpdates('plain', 0, 10)).toHaveLength(2);
  });

  it('creates a room seeded from a template over POST /api/rooms', async () => {
    const s = await start();
    const response = await fetch(`${s.httpUrl}/api/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Norms of responsible behaviour',
        template: 'draft-resolution',
        delegation: 'Chair',
      }),
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      room: { id: string; title: string; template: string };
      token: string;
      inviteUrl: string;
    };
    expect(body.room).toMatchObject({ title: 'Norms of responsible behaviour', template: 'draft-resolution' });
    const identity = await s.server.tokens.verify(body.token);
    expect(identity).toMatchObject({ room: body.room.id, role: 'chair', delegation: 'Chair' });
    // The server listens on port 0 (any free port): the link names the port it got.
    expect(body.inviteUrl).toBe(`${s.httpUrl}/rooms/${body.room.id}#invite=${body.token}`);
    expect(await s.server.storage.getRoom(body.room.id)).toMatchObject({ title: 'Norms of responsible behaviour' });

    const chair = connectClient(s.wsUrl, body.room.id, body.token);
    clients.push(chair);
    await whenSynced(chair.provider);
    expect(chair.doc.getXmlFragment(DRAFT_FRAGMENT).length).toBeGreaterThan(0);

    const again = await fetch(`${s.httpUrl}/api/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: body.room.id, title: 'Duplicate' }),
    });
    expect(again.status).toBe(409);
    const unknown = await fetch(`${s.httpUrl}/api/rooms`, {
      method: 'POST',
      body: JSON.stringify({ title: 'X', template: 'no-such-template' }),
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ error: { code: 'unknown_template', message: expect.any(String) } });
  });

  it('answers GET /api/rooms/<room> and /session according to the token', async () => {
    const s = await start();
    await s.server.storage.putRoom({
      id: 'known',
      title: 'Known room',
      symbol: 'A/AC.294/L.2',
      template: 'blank',
      schemaVersion: 1,
      createdAt: 1_700_000_000_000,
      updatedAt: 1_700_000_000_000,
    });
    const get = async (path: string, token?: string) => {
      const response = await fetch(`${s.httpUrl}${path}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const good = await s.token('known', 'Ireland', 'observer');
    const other = await s.token('elsewhere', 'Ireland');
    const errorBody = { error: { code: expect.any(String), message: expect.any(String) } };

    expect(await get('/api/rooms/known', good)).toEqual({
      status: 200,
      body: expect.objectContaining({ id: 'known', title: 'Known room', symbol: 'A/AC.294/L.2' }),
    });
    expect(await get('/api/rooms/known/session', good)).toEqual({
      status: 200,
      body: expect.objectContaining({
        room: 'known',
        exists: true,
        title: 'Known room',
        role: 'observer',
        delegation: 'Ireland',
      }),
    });
    for (const path of ['/api/rooms/known', '/api/rooms/known/session']) {
      expect(await get(path)).toEqual({ status: 401, body: errorBody });
      expect(await get(path, `${good.slice(0, -4)}AAAA`)).toEqual({ status: 401, body: errorBody });
      expect(await get(path, other)).toEqual({ status: 403, body: errorBody });
    }
    const unknownToken = await s.token('unknown-room', 'Ireland');
    expect(await get('/api/rooms/unknown-room', unknownToken)).toEqual({
      status: 404,
      body: { error: { code: 'room_not_found', message: expect.any(String) } },
    });
    expect(await get('/api/rooms/unknown-room/session', unknownToken)).toEqual({
      status: 200,
      body: expect.objectContaining({ room: 'unknown-room', exists: false }),
    });
    expect(await get('/api/rooms/bad.id', good)).toEqual({ status: 400, body: errorBody });
  });
});

import { CloseCode, type OperationResult } from '@plenary/protocol';
import { DEFAULT_ROOM_SETTINGS } from '@plenary/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callApi, createRoom } from '../support/api.js';
import { waitFor } from '../support/clients.js';
import { type OperationSocket, openOperationSocket } from '../support/operation-socket.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ROOM = 'ws-chaired-room';

/** Every chair operation over the websocket, with arguments the chair could use. */
const OPERATIONS: readonly (readonly [string, object])[] = [
  ['title', { title: 'Hijacked', symbol: 'X/1' }],
  ['settings', { mode: 'formal', numberingFrozen: true }],
  ['revoke', { delegation: 'France' }],
  ['revoke', { person: 'p-chair' }],
  ['access', {}],
  ['invite', { delegation: 'Mallory', role: 'chair' }],
  ['archive', {}],
  ['delete', {}],
];

describe('chair operations over the websocket', () => {
  let server: TestServer;
  let chair: string;
  const sockets: OperationSocket[] = [];
  const open = async (token: string, ext?: string): Promise<OperationSocket> => {
    const socket = await openOperationSocket(server.wsUrl, ROOM, token, ext);
    sockets.push(socket);
    return socket;
  };

  beforeEach(async () => {
    server = await startTestServer();
    chair = await createRoom(server, ROOM);
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.socket.terminate();
    await server.stop();
  });

  for (const role of ['delegate', 'observer'] as const) {
    it(`refuses every one to a ${role} with chair_only, changes nothing and keeps the socket open`, async () => {
      const token = await server.token(ROOM, 'France', role, { person: 'p-1' });
      const caller = await open(token);
      const watcher = await open(await server.token(ROOM, 'Chile', 'delegate'));
      await waitFor(() => watcher.settings.length === 1, 'the watcher has the settings it joined with');
      for (const [op, args] of OPERATIONS) {
        const reply = await caller.call(op, args);
        expect({ op, reply }).toEqual({
          op,
          reply: {
            id: expect.any(Number),
            ok: false,
            error: { code: 'chair_only', status: 403, message: expect.any(String) },
          },
        });
        expect(caller.open).toBe(true);
      }
      const storage = server.server.storage;
      expect(await storage.getRoom(ROOM)).toMatchObject({ title: 'Space norms', symbol: null });
      expect(await storage.getRoomSettings(ROOM)).toEqual(DEFAULT_ROOM_SETTINGS);
      expect(await storage.listRevocations(ROOM)).toEqual([]);
      expect(await storage.getRoomStatus(ROOM)).toBe('active');
      expect((await storage.readUpdates(ROOM, 0, 10)).length).toBe(1);
      expect((await storage.listInvites(ROOM, Date.now())).map((invite) => invite.delegation)).not.toContain('Mallory');
      // Nothing was pushed, and the caller can still speak on its socket.
      expect(watcher.settings).toHaveLength(1);
      expect((await caller.call('no-such-operation')).ok).toBe(false);
      expect(caller.open && watcher.open).toBe(true);
    });
  }

  it('changes settings for the chair and pushes them as message 101 to the room', async () => {
    const caller = await open(chair);
    const watcher = await open(await server.token(ROOM, 'Chile', 'delegate'));
    await waitFor(() => watcher.settings.length === 1, 'the watcher has the settings it joined with');
    const reply = await caller.call('settings', { mode: 'formal', numberingFrozen: true });
    const expected = { ...DEFAULT_ROOM_SETTINGS, mode: 'formal', numberingFrozen: true };
    expect(reply).toEqual({ id: 1, ok: true, result: expected });
    await waitFor(() => watcher.settings.length === 2, 'the watcher receives the new settings');
    expect(watcher.settings[1]).toEqual(expected);
    expect(await server.server.storage.getRoomSettings(ROOM)).toEqual(expected);
    expect((await callApi(server, 'GET', `rooms/${ROOM}/settings`, chair)).body).toEqual(expected);
  });

  it('retitles the room as the HTTP API does', async () => {
    const caller = await open(chair);
    const reply = await caller.call('title', { title: 'Norms of responsible behaviour', symbol: 'A/AC.294/2026/WP.1' });
    const record = (await callApi(server, 'GET', `rooms/${ROOM}`, chair)).body;
    expect(record).toMatchObject({ title: 'Norms of responsible behaviour', symbol: 'A/AC.294/2026/WP.1' });
    expect(reply).toEqual({ id: 1, ok: true, result: record });
  });

  it('mints an invite that opens the room and shows in the access list', async () => {
    const caller = await open(chair);
    const reply = await caller.call('invite', { delegation: 'Kenya', role: 'delegate', person: 'p-kenya' });
    if (!reply.ok) throw new Error(reply.error.message);
    const invite = reply.result as { token: string; inviteUrl: string; person: string };
    expect(invite.person).toBe('p-kenya');
    expect(invite.inviteUrl).toContain(`/rooms/${ROOM}#invite=${invite.token}`);
    const guest = await open(invite.token);
    expect(guest.open).toBe(true);
    const access = await caller.call('access');
    expect(access.ok && access.result).toMatchObject({
      holders: expect.arrayContaining([expect.objectContaining({ person: 'p-kenya', connected: true })]),
    });
  });

  it('revokes a delegation: its connections close with 4403, the chair stays', async () => {
    const caller = await open(chair);
    const france = await open(await server.token(ROOM, 'France', 'delegate'));
    const chile = await open(await server.token(ROOM, 'Chile', 'delegate'));
    const reply = await caller.call('revoke', { delegation: 'France' });
    expect(reply).toMatchObject({ id: 1, ok: true, result: { kind: 'delegation', value: 'France' } });
    expect((await france.closed).code).toBe(CloseCode.forbidden);
    expect(await server.server.storage.listRevocations(ROOM)).toHaveLength(1);
    expect(caller.open && chile.open).toBe(true);
  });

  for (const [op, status] of [
    ['archive', 'archived'],
    ['delete', 'deleted'],
  ] as const) {
    it(`answers ${op}, then closes everyone with 4404`, async () => {
      const caller = await open(chair);
      const delegate = await open(await server.token(ROOM, 'Chile', 'delegate'));
      const reply: OperationResult = await caller.call(op);
      expect(reply).toEqual({ id: 1, ok: true, result: { room: ROOM, status } });
      expect(await caller.closed).toEqual({ code: CloseCode.roomGone, reason: `room ${status}` });
      expect((await delegate.closed).code).toBe(CloseCode.roomGone);
      expect(await server.server.storage.getRoomStatus(ROOM)).toBe(status);
    });
  }
});

import { CloseCode } from '@plenary/protocol';
import { describe, expect, it } from 'vitest';
import { callApi, errorCode } from '../support/api.js';
import { useChairedRoom } from '../support/chaired-room.js';
import { type TestClient, waitFor, whenSynced } from '../support/clients.js';
import { openRaw, whenClosed } from '../support/raw-socket.js';

const ROOM = 'closing-room';

describe('deleting and archiving a room', () => {
  const ctx = useChairedRoom(ROOM, { bystanders: true });

  /** A stock client that has synced and written a line of text. */
  async function joinAndWrite(delegation: string): Promise<{ client: TestClient; closes: number[] }> {
    const client = ctx.connect(await ctx.server.token(ROOM, delegation));
    const closes: number[] = [];
    client.provider.on('connection-close', (event: CloseEvent | null) => {
      closes.push(event?.code ?? 0);
    });
    await whenSynced(client.provider);
    client.doc.getText('t').insert(0, `${delegation} was here. `);
    return { client, closes };
  }

  /** The close code and reason of a later join with a valid token. */
  async function laterJoin(role: 'delegate' | 'chair' = 'delegate'): Promise<{ code: number; reason: string }> {
    const result = await openRaw(
      `${ctx.server.wsUrl}/${ROOM}?token=${await ctx.server.token(ROOM, 'Latecomer', role)}`,
    );
    if (!result.ok) throw new Error(`upgrade refused with HTTP ${result.status}`);
    return whenClosed(result.socket);
  }

  async function storedUpdates(): Promise<number> {
    return (await ctx.server.server.storage.readUpdates(ROOM, 0, 1000)).length;
  }

  it('deletes: closes everyone with 4404, refuses later joins with 4404, answers 404 and removes the data', async () => {
    const a = await joinAndWrite('France');
    const b = await joinAndWrite('Kenya');
    await waitFor(() => b.client.doc.getText('t').toString().includes('France'), 'writes exchanged');
    await waitFor(() => a.client.doc.getText('t').toString().includes('Kenya'), 'writes exchanged');

    const answer = await callApi(ctx.server, 'DELETE', `rooms/${ROOM}`, ctx.chair);
    expect(answer).toEqual({ status: 200, body: { room: ROOM, status: 'deleted' } });
    await waitFor(() => a.closes.length > 0 && b.closes.length > 0, 'both clients closed');
    expect([a.closes[0], b.closes[0]]).toEqual([CloseCode.roomGone, CloseCode.roomGone]);

    expect(await laterJoin()).toEqual({ code: CloseCode.roomGone, reason: 'room deleted' });
    expect(await laterJoin('chair')).toEqual({ code: CloseCode.roomGone, reason: 'room deleted' });
    for (const path of [`rooms/${ROOM}`, `rooms/${ROOM}/session`, `rooms/${ROOM}/settings`]) {
      const got = await callApi(ctx.server, 'GET', path, ctx.chair);
      expect([path, got.status, errorCode(got)]).toEqual([path, 404, 'room_deleted']);
    }

    // Storage is gone, the tombstone stays, and the id is not reopened empty.
    const storage = ctx.server.server.storage;
    expect(await storage.getRoom(ROOM)).toBeNull();
    expect(await storedUpdates()).toBe(0);
    expect((await storage.loadDocument(ROOM)).lastSeq).toBe(0);
    expect(await storage.getRoomStatus(ROOM)).toBe('deleted');
    expect(await ctx.server.server.rooms.peek(ROOM)).toBeNull();
    const operator = await ctx.server.token('*', 'Secretariat', 'chair');
    const recreate = await callApi(ctx.server, 'POST', 'rooms', operator, { id: ROOM, title: 'Again' });
    expect([recreate.status, errorCode(recreate)]).toEqual([409, 'room_exists']);
    // Delegates of the same names in another room keep their room, its data and their sockets.
    await ctx.bystanders.expectUntouched();
  });

  it('keeps the tombstone across a restart', async () => {
    await joinAndWrite('France');
    expect((await callApi(ctx.server, 'DELETE', `rooms/${ROOM}`, ctx.chair)).status).toBe(200);
    await ctx.restart();
    expect(await laterJoin()).toEqual({ code: CloseCode.roomGone, reason: 'room deleted' });
    expect(await ctx.server.server.storage.getRoom(ROOM)).toBeNull();
    await ctx.bystanders.expectUntouched();
  });

  it('archives: closes everyone with 4404, refuses later joins, answers 404, keeps the data', async () => {
    const a = await joinAndWrite('France');
    // The seed and the client's write are both stored before archiving.
    const storedBefore = await storedUpdatesEventually(2);
    const answer = await callApi(ctx.server, 'POST', `rooms/${ROOM}/archive`, ctx.chair);
    expect(answer).toEqual({ status: 200, body: { room: ROOM, status: 'archived' } });
    await waitFor(() => a.closes.length > 0, 'client closed');
    expect(a.closes[0]).toBe(CloseCode.roomGone);
    expect(await laterJoin()).toEqual({ code: CloseCode.roomGone, reason: 'room archived' });
    for (const path of [`rooms/${ROOM}`, `rooms/${ROOM}/session`, `rooms/${ROOM}/export?format=html`]) {
      const got = await callApi(ctx.server, 'GET', path, ctx.chair);
      expect([path, got.status, errorCode(got)]).toEqual([path, 404, 'room_archived']);
    }
    const patch = await callApi(ctx.server, 'PATCH', `rooms/${ROOM}`, ctx.chair, { title: 'Renamed' });
    expect([patch.status, errorCode(patch)]).toEqual([404, 'room_archived']);
    expect((await ctx.server.server.storage.getRoom(ROOM))?.title).toBe('Space norms');
    expect(await storedUpdates()).toBe(storedBefore);
    expect(await ctx.server.server.storage.getRoomStatus(ROOM)).toBe('archived');

    // An archived room may still be deleted.
    expect((await callApi(ctx.server, 'DELETE', `rooms/${ROOM}`, ctx.chair)).status).toBe(200);
    expect(await storedUpdates()).toBe(0);
    expect(await laterJoin()).toEqual({ code: CloseCode.roomGone, reason: 'room deleted' });
    await ctx.bystanders.expectUntouched();
  });

  /** The stored update count once at least `atLeast` updates are stored. */
  async function storedUpdatesEventually(atLeast: number): Promise<number> {
    const start = Date.now();
    for (;;) {
      const count = await storedUpdates();
      if (count >= atLeast) return count;
      if (Date.now() - start > 10_000) throw new Error('the write was never stored');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('still checks the upgrade in order before answering 4404', async () => {
    expect((await callApi(ctx.server, 'DELETE', `rooms/${ROOM}`, ctx.chair)).status).toBe(200);
    const status = async (url: string, headers: Record<string, string> = {}) => {
      const result = await openRaw(url, { headers });
      if (result.ok) {
        result.socket.close();
        return 101;
      }
      return result.status;
    };
    const token = await ctx.server.token(ROOM, 'Ghana');
    expect(await status(`${ctx.server.wsUrl}/a.b?token=${token}`)).toBe(400);
    expect(await status(`${ctx.server.wsUrl}/${ROOM}`)).toBe(401);
    expect(await status(`${ctx.server.wsUrl}/${ROOM}?token=${await ctx.server.token('other', 'Ghana')}`)).toBe(403);
    expect(await status(`${ctx.server.wsUrl}/${ROOM}?token=${token}`, { origin: 'https://evil.example' })).toBe(403);
    expect(await status(`${ctx.server.wsUrl}/${ROOM}?token=${token}`)).toBe(101);
  });

  it('refuses delete and archive from delegates and observers', async () => {
    for (const role of ['delegate', 'observer'] as const) {
      const token = await ctx.server.token(ROOM, 'Ghana', role);
      for (const [method, path] of [
        ['DELETE', `rooms/${ROOM}`],
        ['POST', `rooms/${ROOM}/archive`],
      ] as const) {
        const answer = await callApi(ctx.server, method, path, token);
        expect([role, method, answer.status, errorCode(answer)]).toEqual([role, method, 403, 'chair_only']);
      }
    }
    expect(await ctx.server.server.storage.getRoomStatus(ROOM)).toBe('active');
    expect(await ctx.server.server.storage.getRoom(ROOM)).not.toBeNull();
  });
});

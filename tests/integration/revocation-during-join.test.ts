import { afterEach, describe, expect, it } from 'vitest';
import { callApi, createRoom } from '../support/api.js';
import { type BystanderRoom, startBystanderRoom } from '../support/bystander-room.js';
import { HeldLoadStorage } from '../support/held-loads.js';
import { waitForAsync } from '../support/hostile.js';
import { openRaw } from '../support/raw-socket.js';
import { makeDataDir, startTestServer, type TestServer } from '../support/server.js';

const ROOM = 'slow-room';

describe('a revocation recorded while a join is in flight', () => {
  let server: TestServer | null = null;
  let bystanders: BystanderRoom | null = null;
  afterEach(async () => {
    bystanders?.close();
    await server?.stop();
    server = null;
  });

  it('refuses the join with 403 once the room has loaded, though the token passed the upgrade checks', async () => {
    const dataDir = makeDataDir();
    const storage = new HeldLoadStorage(dataDir);
    server = await startTestServer({ dataDir, storage });
    const chair = await createRoom(server, ROOM);
    const kenya = await server.token(ROOM, 'Kenya');
    const france = await server.token(ROOM, 'France');
    // Kenya's delegates in another room, which the revocation must not reach.
    bystanders = await startBystanderRoom(server);
    // The room is not loaded yet: the first join loads it, and the load is held back.
    expect(await server.server.rooms.peek(ROOM)).toBeNull();

    storage.hold();
    const loading = storage.nextLoad();
    const join = openRaw(`${server.wsUrl}/${ROOM}?token=${kenya}`);
    expect(await loading).toBe(ROOM);
    // Kenya's token passed every upgrade check; now the chair revokes it before the room loads.
    const revoked = callApi(server, 'POST', `rooms/${ROOM}/revocations`, chair, { delegation: 'Kenya' });
    const current = server;
    await waitForAsync(
      async () => (await current.server.storage.listRevocations(ROOM)).length === 1,
      'the revocation is stored',
    );
    storage.release();

    const result = await join;
    if (result.ok) result.socket.terminate();
    expect(result).toEqual({ ok: false, status: 403 });
    expect((await revoked).status).toBe(201);
    // The room itself loaded and others still join it.
    const other = await openRaw(`${server.wsUrl}/${ROOM}?token=${france}`);
    expect(other.ok).toBe(true);
    if (other.ok) other.socket.terminate();
    await bystanders.expectUntouched();
  });
});

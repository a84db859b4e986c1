import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, type TestClient, waitFor, whenSynced } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** Objects counted while alive. */
class LiveCount {
  alive = 0;
  private readonly registry = new FinalizationRegistry<string>(() => {
    this.alive--;
  });

  track(value: object): void {
    this.alive++;
    this.registry.register(value, 'tracked');
  }
}

/**
 * Opens `room` with a stock client that writes and publishes a cursor, and counts the room, its
 * document and its awareness. The server's objects are only referenced inside this function,
 * which has returned by the time the test waits for them to go.
 */
async function openTracked(server: TestServer, room: string, live: LiveCount): Promise<TestClient> {
  const client = connectClient(server.wsUrl, room, await server.token(room, 'Chile'));
  await whenSynced(client.provider);
  client.provider.awareness.setLocalStateField('cursor', { room });
  client.doc.getText('notes').insert(0, room);
  const loaded = await server.server.rooms.peek(room);
  if (!loaded) throw new Error(`room ${room} is not loaded`);
  live.track(loaded);
  live.track(loaded.doc);
  live.track(loaded.awareness);
  return client;
}

describe('memory of rooms', () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.stop();
    server = null;
  });

  it('frees every unloaded room, with its document and awareness, once everyone has left', async () => {
    server = await startTestServer({ config: { roomIdleMs: 50 } });
    const live = new LiveCount();
    const clients: TestClient[] = [];
    for (let i = 0; i < 10; i++) clients.push(await openTracked(server, `memory-${i}`, live));
    expect(live.alive).toBe(30);
    for (const client of clients) client.destroy();
    const rooms = server.server.rooms;
    await waitFor(() => rooms.size === 0, 'every room unloaded');
    // Nothing may keep them: no listener, timer, or map keyed by room or connection.
    await waitFor(() => live.alive === 0, 'every room, document and awareness collected');
  });
});

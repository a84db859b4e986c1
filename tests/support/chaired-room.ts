import { afterEach, beforeEach } from 'vitest';
import type * as Y from 'yjs';
import { createRoom } from './api.js';
import { type BystanderRoom, startBystanderRoom } from './bystander-room.js';
import { connectClient, type TestClient, whenSynced } from './clients.js';
import { openRaw } from './raw-socket.js';
import { startTestServer, type TestServer } from './server.js';

/**
 * A real server with one created room and its chair's token, fresh for every test of the
 * `describe` that calls {@link useChairedRoom}. Clients joined through it are destroyed and the
 * server stopped after each test.
 */
export interface ChairedRoom {
  readonly room: string;
  readonly server: TestServer;
  /** The room creator's chair token. */
  readonly chair: string;
  /** Connects a stock y-websocket client with `token` and resolves once it has synced. */
  join(token: string): Promise<TestClient>;
  /**
   * Connects a stock client (over `doc` when given) without waiting for it; destroyed after the
   * test like joined ones.
   */
  connect(token: string, doc?: Y.Doc): TestClient;
  /** Resolves with the code of the client's next close (0 for a close the client made). */
  nextClose(client: TestClient): Promise<number>;
  /** The HTTP status of a websocket upgrade to the room with `token` (101 when it opens). */
  upgradeStatus(token: string): Promise<number>;
  /**
   * The neighbour room (with `bystanders: true`): its delegates carry the same names attacks on
   * this room target, and `expectUntouched` proves the attack left it alone.
   */
  readonly bystanders: BystanderRoom;
  /** Stops the server keeping its data, and starts it again on the same data dir. */
  restart(): Promise<void>;
}

/**
 * Registers `beforeEach`/`afterEach` hooks that give each test a {@link ChairedRoom}; with
 * `bystanders`, also a neighbour room with two connected delegates.
 */
export function useChairedRoom(room: string, options: { bystanders?: boolean } = {}): ChairedRoom {
  let server: TestServer;
  let chair: string;
  let bystanders: BystanderRoom | null = null;
  const clients: TestClient[] = [];
  beforeEach(async () => {
    server = await startTestServer();
    chair = await createRoom(server, room);
    if (options.bystanders) bystanders = await startBystanderRoom(server);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    bystanders?.close();
    bystanders = null;
    await server.stop();
  });
  const connect = (token: string, doc?: Y.Doc): TestClient => {
    const client = connectClient(server.wsUrl, room, token, doc ? { doc } : {});
    clients.push(client);
    return client;
  };
  return {
    room,
    get server() {
      return server;
    },
    get chair() {
      return chair;
    },
    get bystanders() {
      if (!bystanders) throw new Error('useChairedRoom was called without bystanders');
      return bystanders;
    },
    connect,
    async join(token) {
      const client = connect(token);
      await whenSynced(client.provider);
      return client;
    },
    nextClose(client) {
      return new Promise((resolve) => {
        const onClose = (event: CloseEvent | null) => {
          client.provider.off('connection-close', onClose);
          resolve(event?.code ?? 0);
        };
        client.provider.on('connection-close', onClose);
      });
    },
    async upgradeStatus(token) {
      const result = await openRaw(`${server.wsUrl}/${room}?token=${token}`);
      if (!result.ok) return result.status;
      result.socket.close();
      return 101;
    },
    async restart() {
      for (const client of clients) client.provider.disconnect();
      bystanders?.close();
      await server.stop({ keepData: true });
      server = await startTestServer({ dataDir: server.dataDir });
      if (options.bystanders) bystanders = await startBystanderRoom(server);
    },
  };
}

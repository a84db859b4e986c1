import { MessageType, type RoomMetadata, readRoomMetadata } from '@plenary/protocol';
import * as decoding from 'lib0/decoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { callApi, createRoom } from '../support/api.js';
import { waitFor } from '../support/clients.js';
import { openOperationSocket } from '../support/operation-socket.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ROOM = 'title-room';

/** A raw websocket recording the message types it receives and every room metadata push. */
interface Listener {
  readonly socket: WebSocket;
  readonly types: number[];
  readonly metadata: RoomMetadata[];
}

async function listen(server: TestServer, token: string, ext: string | null): Promise<Listener> {
  const query = ext === null ? '' : `&ext=${ext}`;
  const socket = new WebSocket(`${server.wsUrl}/${ROOM}?token=${token}${query}`);
  const listener: Listener = { socket, types: [], metadata: [] };
  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(decoder);
    listener.types.push(type);
    if (type === MessageType.room) listener.metadata.push(readRoomMetadata(decoder));
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_request, response) => reject(new Error(`refused ${response.statusCode}`)));
  });
  return listener;
}

/** Waits until everything the server sent `listener` before now has arrived (a query-awareness round trip). */
async function barrier(listener: Listener): Promise<void> {
  const seen = listener.types.filter((type) => type === MessageType.awareness).length;
  listener.socket.send(new Uint8Array([MessageType.queryAwareness]));
  await waitFor(
    () => listener.types.filter((type) => type === MessageType.awareness).length > seen,
    'the awareness answer',
  );
}

describe('room title and symbol pushed live', () => {
  let server: TestServer;
  let chair: string;
  const sockets: WebSocket[] = [];
  beforeEach(async () => {
    server = await startTestServer();
    chair = await createRoom(server, ROOM, 'Space norms');
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.terminate();
    await server.stop();
  });

  const latest = (listener: Listener) => listener.metadata.at(-1);

  it('tells opted-in connections the title on connect and each change, over HTTP and the websocket', async () => {
    const delegate = await listen(server, await server.token(ROOM, 'Kenya'), 'room');
    const observer = await listen(server, await server.token(ROOM, 'Press', 'observer'), 'room,comments');
    sockets.push(delegate.socket, observer.socket);
    await waitFor(() => latest(delegate)?.title === 'Space norms', 'the title on connect');
    expect(latest(delegate)?.symbol).toBeNull();

    const patched = await callApi(server, 'PATCH', `rooms/${ROOM}`, chair, {
      title: 'Norms of responsible behaviour',
      symbol: 'A/AC.294/2026/WP.1',
    });
    expect(patched.status).toBe(200);
    for (const listener of [delegate, observer]) {
      await waitFor(() => latest(listener)?.title === 'Norms of responsible behaviour', 'the HTTP change');
      expect(latest(listener)?.symbol).toBe('A/AC.294/2026/WP.1');
    }

    const operations = await openOperationSocket(server.wsUrl, ROOM, chair);
    sockets.push(operations.socket);
    const reply = await operations.call('title', { title: 'Chair’s text', symbol: null });
    expect(reply.ok).toBe(true);
    for (const listener of [delegate, observer]) {
      await waitFor(() => latest(listener)?.title === 'Chair’s text', 'the websocket change');
      expect(latest(listener)?.symbol).toBeNull();
    }
    const times = delegate.metadata.map((metadata) => Date.parse(metadata.updatedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('never sends the title to a connection that did not opt in', async () => {
    const stock = await listen(server, await server.token(ROOM, 'Chile'), null);
    const opted = await listen(server, await server.token(ROOM, 'Peru'), 'room');
    sockets.push(stock.socket, opted.socket);
    expect((await callApi(server, 'PATCH', `rooms/${ROOM}`, chair, { title: 'Renamed' })).status).toBe(200);
    await waitFor(() => latest(opted)?.title === 'Renamed', 'the change reaches the opted-in connection');
    await barrier(stock);
    expect(stock.types).not.toContain(MessageType.room);
    expect(stock.socket.readyState).toBe(WebSocket.OPEN);
  });
});

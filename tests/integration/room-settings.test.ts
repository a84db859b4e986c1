import { MessageType, readSettings } from '@plenary/protocol';
import { DEFAULT_ROOM_SETTINGS } from '@plenary/server';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { callApi, createRoom, errorCode } from '../support/api.js';
import { connectClient, type TestClient, waitFor, whenSynced } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ROOM = 'settings-room';

/** A raw socket and the type and body of every frame it received. */
interface Listener {
  readonly socket: WebSocket;
  readonly frames: { type: number; decoder: decoding.Decoder }[];
  /** Settings received in message 101, in order. */
  readonly settings: unknown[];
}

function frameType(type: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  return encoding.toUint8Array(encoder);
}

describe('room settings', () => {
  let server: TestServer;
  let chair: string;
  const sockets: WebSocket[] = [];
  const clients: TestClient[] = [];

  beforeEach(async () => {
    server = await startTestServer();
    chair = await createRoom(server, ROOM);
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.terminate();
    for (const client of clients.splice(0)) client.destroy();
    await server.stop();
  });

  async function listen(ext: string | null): Promise<Listener> {
    const token = await server.token(ROOM, 'Ghana');
    const query = ext === null ? `token=${token}` : `token=${token}&ext=${ext}`;
    // Listening before the socket opens: frames may arrive along with the handshake.
    const socket = new WebSocket(`${server.wsUrl}/${ROOM}?${query}`);
    sockets.push(socket);
    const listener: Listener = { socket, frames: [], settings: [] };
    socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      const type = decoding.readVarUint(decoder);
      listener.frames.push({ type, decoder });
      if (type === MessageType.settings) listener.settings.push(readSettings(decoder));
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return listener;
  }

  /** Resolves once every frame the server sent `listener` before now has arrived. */
  async function barrier(listener: Listener): Promise<void> {
    const seen = listener.frames.filter((frame) => frame.type === MessageType.awareness).length;
    listener.socket.send(frameType(MessageType.queryAwareness));
    await waitFor(
      () => listener.frames.filter((frame) => frame.type === MessageType.awareness).length > seen,
      'the awareness answer',
    );
  }

  it('starts with the defaults, sends them on connect to opted-in clients only', async () => {
    const answer = await callApi(server, 'GET', `rooms/${ROOM}/settings`, await server.token(ROOM, 'Ghana'));
    expect(answer).toEqual({ status: 200, body: DEFAULT_ROOM_SETTINGS });
    const opted = await listen('settings');
    const stock = await listen(null);
    const ackOnly = await listen('ack');
    await waitFor(() => opted.settings.length === 1, 'settings on connect');
    expect(opted.settings[0]).toEqual(DEFAULT_ROOM_SETTINGS);
    await barrier(stock);
    await barrier(ackOnly);
    expect(stock.frames.map((f) => f.type)).not.toContain(MessageType.settings);
    expect(ackOnly.frames.map((f) => f.type)).not.toContain(MessageType.settings);
  });

  it('pushes every change live to opted-in clients, never to stock clients', async () => {
    const opted = await listen('ack,settings');
    const stock = await listen(null);
    const stockClient = connectClient(server.wsUrl, ROOM, await server.token(ROOM, 'Peru'));
    clients.push(stockClient);
    await whenSynced(stockClient.provider);
    await waitFor(() => opted.settings.length === 1, 'settings on connect');

    const first = await callApi(server, 'PATCH', `rooms/${ROOM}/settings`, chair, { mode: 'formal' });
    expect(first).toEqual({ status: 200, body: { ...DEFAULT_ROOM_SETTINGS, mode: 'formal' } });
    await waitFor(() => opted.settings.length === 2, 'first change pushed');
    const second = await callApi(server, 'PATCH', `rooms/${ROOM}/settings`, chair, {
      observersMayComment: true,
      observerExports: 'none',
      numberingFrozen: true,
    });
    const expected = { mode: 'formal', observersMayComment: true, observerExports: 'none', numberingFrozen: true };
    expect(second).toEqual({ status: 200, body: expected });
    await waitFor(() => opted.settings.length === 3, 'second change pushed');
    expect(opted.settings[1]).toEqual({ ...DEFAULT_ROOM_SETTINGS, mode: 'formal' });
    expect(opted.settings[2]).toEqual(expected);

    await barrier(stock);
    expect(stock.frames.map((f) => f.type)).not.toContain(MessageType.settings);
    expect(stockClient.provider.wsconnected).toBe(true);

    const read = await callApi(server, 'GET', `rooms/${ROOM}/settings`, await server.token(ROOM, 'Peru', 'observer'));
    expect(read.body).toEqual(expected);
    const late = await listen('settings');
    await waitFor(() => late.settings.length === 1, 'settings on a later connect');
    expect(late.settings[0]).toEqual(expected);
  });

  it('refuses changes from delegates and observers, and invalid settings', async () => {
    const opted = await listen('settings');
    await waitFor(() => opted.settings.length === 1, 'settings on connect');
    for (const role of ['delegate', 'observer'] as const) {
      const token = await server.token(ROOM, 'Ghana', role);
      const answer = await callApi(server, 'PATCH', `rooms/${ROOM}/settings`, token, { mode: 'formal' });
      expect([answer.status, errorCode(answer)]).toEqual([403, 'chair_only']);
    }
    for (const body of [{ mode: 'strict' }, { numberingFrozen: 'yes' }, { colour: 'red' }]) {
      const answer = await callApi(server, 'PATCH', `rooms/${ROOM}/settings`, chair, body);
      expect([answer.status, errorCode(answer)]).toEqual([400, 'invalid_request']);
    }
    expect((await callApi(server, 'GET', `rooms/${ROOM}/settings`, chair)).body).toEqual(DEFAULT_ROOM_SETTINGS);
    await barrier(opted);
    expect(opted.settings).toHaveLength(1);
  });
});

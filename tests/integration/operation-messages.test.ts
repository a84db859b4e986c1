import type { Duplex } from 'node:stream';
import { CloseCode, encodeOperation, MessageType } from '@plenary/protocol';
import { DEFAULT_LIMITS, DEFAULT_ROOM_SETTINGS } from '@plenary/server';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import { OperationError, RoomOperations } from '../../apps/web/src/collab/operations.js';
import { createRoom } from '../support/api.js';
import { connectClient, type TestClient, whenSynced } from '../support/clients.js';
import { type OperationSocket, openOperationSocket } from '../support/operation-socket.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ROOM = 'operation-frames';

/** An operation frame whose varString is `text`, however wrong. */
function rawFrame(text: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.operation);
  encoding.writeVarString(encoder, text);
  return encoding.toUint8Array(encoder);
}

describe('operation messages', () => {
  let server: TestServer;
  const sockets: OperationSocket[] = [];
  const clients: TestClient[] = [];

  const start = async (limits: Partial<typeof DEFAULT_LIMITS> = {}): Promise<string> => {
    server = await startTestServer({ config: { limits: { ...DEFAULT_LIMITS, ...limits } } });
    return createRoom(server, ROOM);
  };
  const open = async (token: string, ext?: string): Promise<OperationSocket> => {
    const socket = await openOperationSocket(server.wsUrl, ROOM, token, ext);
    sockets.push(socket);
    return socket;
  };
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.socket.terminate();
    for (const client of clients.splice(0)) client.destroy();
    await server.stop();
  });

  it('answers malformed operations with a named error and keeps the socket open', async () => {
    const chair = await open(await start());
    expect(await chair.sendFrame(rawFrame('{oops'), null)).toMatchObject({
      id: null,
      ok: false,
      error: { code: 'invalid_json', status: 400 },
    });
    expect(await chair.sendFrame(rawFrame('{"op":"title"}'), null)).toMatchObject({
      error: { code: 'invalid_request', message: expect.stringMatching(/^id:/) },
    });
    expect(await chair.sendFrame(rawFrame('{"id":"x","op":"title","args":"formal"}'), 'x')).toMatchObject({
      error: { code: 'invalid_request', message: 'args: an object' },
    });
    expect(await chair.call('promote', { delegation: 'France' })).toMatchObject({
      ok: false,
      error: { code: 'unknown_operation', status: 400, message: 'unknown operation "promote"' },
    });
    expect(await chair.call('settings', { mode: 'loud' })).toMatchObject({
      error: { code: 'invalid_request', message: expect.stringMatching(/^mode:/) },
    });
    expect(await chair.call('archive', { force: true })).toMatchObject({ error: { code: 'invalid_request' } });
    expect(await chair.call('invite', { delegation: 'Kenya', role: 'president' })).toMatchObject({
      error: { code: 'invalid_request', message: expect.stringMatching(/^role:/) },
    });
    expect(
      await chair.sendFrame(encodeOperation({ id: 9, op: 'title', args: { title: 'x'.repeat(70_000) } }), null),
    ).toMatchObject({
      error: { code: 'body_too_large', status: 413 },
    });
    expect(chair.open).toBe(true);
    const storage = server.server.storage;
    expect(await storage.getRoom(ROOM)).toMatchObject({ title: 'Space norms' });
    expect(await storage.getRoomSettings(ROOM)).toEqual(DEFAULT_ROOM_SETTINGS);
    expect(await storage.getRoomStatus(ROOM)).toBe('active');
    // Still speaking: a good operation after the bad ones works.
    expect(await chair.call('title', { title: 'Space norms, rev. 1' })).toMatchObject({ ok: true });
  });

  it('closes with 4400 on an operation frame cut short', async () => {
    const chair = await open(await start());
    // A varString announcing 10 bytes and carrying one.
    chair.socket.send(Uint8Array.of(MessageType.operation, 10, 0x7b));
    expect(await chair.closed).toEqual({ code: CloseCode.malformed, reason: 'malformed operation' });
  });

  it('treats message 103 from a connection that did not opt in as an unknown type (4400)', async () => {
    const chair = await open(await start(), 'settings');
    chair.socket.send(encodeOperation({ id: 1, op: 'archive' }));
    expect(await chair.closed).toEqual({ code: CloseCode.malformed, reason: 'unknown message type 103' });
    expect(await server.server.storage.getRoomStatus(ROOM)).toBe('active');
  });

  it('counts operations against the message rate limit (4529)', async () => {
    // One message a second: a bucket of five.
    const chair = await open(await start({ maxMessagesPerSecond: 1 }));
    for (let i = 1; i <= 6; i++) chair.socket.send(encodeOperation({ id: i, op: 'access' }));
    expect((await chair.closed).code).toBe(CloseCode.rateLimited);
  });

  it('answers rate_limited past 16 waiting operations and runs the rest', async () => {
    const chair = await open(await start());
    // Sent in one write so that the server reads them all before the first one finishes.
    const stream = (chair.socket as unknown as { _socket: Duplex })._socket;
    stream.cork();
    const replies = Array.from({ length: 20 }, () => chair.call('access'));
    stream.uncork();
    const results = await Promise.all(replies);
    const limited = results.filter((result) => !result.ok && result.error.code === 'rate_limited');
    expect(limited.length).toBeGreaterThan(0);
    expect(results.filter((result) => result.ok)).toHaveLength(20 - limited.length);
    expect(chair.open).toBe(true);
  });

  it('lets the web app call operations over its provider and read refusals', async () => {
    const chairToken = await start();
    const connect = async (token: string): Promise<RoomOperations> => {
      const client = connectClient(server.wsUrl, ROOM, token, { params: { ext: 'operations' } });
      clients.push(client);
      await whenSynced(client.provider);
      return new RoomOperations(client.provider);
    };
    const chair = await connect(chairToken);
    const delegate = await connect(await server.token(ROOM, 'France', 'delegate'));
    expect(await chair.call('title', { title: 'Renamed' })).toMatchObject({ id: ROOM, title: 'Renamed' });
    const refusal = await delegate.call('archive').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(OperationError);
    expect(refusal).toMatchObject({ code: 'chair_only', status: 403 });
    expect(await chair.call('archive')).toEqual({ room: ROOM, status: 'archived' });
    await expect(delegate.call('access')).rejects.toMatchObject({ code: 'offline' });
  });
});

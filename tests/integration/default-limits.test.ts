import { CloseCode } from '@plenary/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { connectClient, type TestClient, waitFor, whenSynced } from '../support/clients.js';
import { syncUpdateFrame } from '../support/hostile.js';
import { connectRaw, whenClosed } from '../support/raw-socket.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ROOM = 'defaults';
/** An update that changes nothing: no structs, an empty delete set. */
const EMPTY_UPDATE = new Uint8Array([0, 0]);
/** One person's devices and tabs: a laptop with several tabs, a phone, a tablet. */
const ONE_PERSONS_CONNECTIONS = 8;

/**
 * The server as `pnpm start` runs it, no limit raised: what people do passes, what only a
 * script does is refused.
 */
describe('the default limits', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const sockets: WebSocket[] = [];
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const socket of sockets.splice(0)) socket.terminate();
    await server.stop();
  });

  it('let one person join from several devices and tabs, and refuse a token opening sockets by the dozen', async () => {
    const token = await server.token(ROOM, 'France');
    for (let i = 0; i < ONE_PERSONS_CONNECTIONS; i++) {
      expect(await connectRaw(`${server.wsUrl}/${ROOM}?token=${token}`, sockets)).toBe('open');
    }
    let refused: 'open' | { code: number; reason: string } = 'open';
    for (let i = 0; i < 100 && refused === 'open'; i++) {
      refused = await connectRaw(`${server.wsUrl}/${ROOM}?token=${token}`, sockets);
    }
    expect(refused).toEqual({ code: CloseCode.rateLimited, reason: 'too many connections for this token' });
  });

  it('take a fast typist’s burst of keystrokes and a paste without closing the socket', async () => {
    const token = await server.token(ROOM, 'France');
    const typist = connectClient(server.wsUrl, ROOM, token);
    const reader = connectClient(server.wsUrl, ROOM, await server.token(ROOM, 'Brazil'));
    clients.push(typist, reader);
    await Promise.all([whenSynced(typist.provider), whenSynced(reader.provider)]);
    let closedWith: number | null = null;
    typist.provider.on('connection-close', (event: CloseEvent | null) => {
      closedWith = event?.code ?? 0;
    });
    const text = typist.doc.getText('t');
    // Ten seconds of fast typing sent at once, one update per keystroke: the burst a reconnect
    // sends after typing offline, or an undo of a long run.
    const typed = 'Each State should refrain from creating long-lived debris. '.repeat(5);
    for (const char of typed) text.insert(text.length, char);
    text.insert(text.length, 'Pasted: '.padEnd(20_000, 'x'));
    await waitFor(() => reader.doc.getText('t').toString() === text.toString(), 'the typing reaching the reader');
    expect(closedWith).toBeNull();
    expect(typist.provider.wsconnected).toBe(true);
  });

  it('close a socket flooding empty frames with 4529', async () => {
    const token = await server.token(ROOM, 'France');
    expect(await connectRaw(`${server.wsUrl}/${ROOM}?token=${token}`, sockets)).toBe('open');
    const socket = sockets[0] as WebSocket;
    const closed = whenClosed(socket);
    const reader = connectClient(server.wsUrl, ROOM, await server.token(ROOM, 'Brazil'));
    clients.push(reader);
    await whenSynced(reader.provider);
    for (let i = 0; i < 20_000 && socket.readyState === socket.OPEN; i++) {
      socket.send(syncUpdateFrame(EMPTY_UPDATE), { binary: true });
    }
    const { code, reason } = await closed;
    expect(code).toBe(CloseCode.rateLimited);
    expect(reason).toMatch(/message rate/);
    // The room is unharmed: the other delegation still writes and is stored.
    const probe = new Y.Doc();
    probe.getText('t').insert(0, 'still here');
    Y.applyUpdate(reader.doc, Y.encodeStateAsUpdate(probe));
    const check = connectClient(server.wsUrl, ROOM, await server.token(ROOM, 'Chile'));
    clients.push(check);
    await waitFor(() => check.doc.getText('t').toString() === 'still here', 'a later client seeing the edit');
  });
});

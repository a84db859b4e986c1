import { CloseCode } from '@plenary/protocol';
import { createLogger, DEFAULT_LIMITS, type Limits } from '@plenary/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, type TestClient, waitFor, whenSynced } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { openSlowReader, type SlowReader } from '../support/slow-reader.js';

const ROOM = 'slow-readers';
const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * Small limits, so that a client that stops reading fills its send buffer in a few megabytes of
 * typing: the smallest send buffer the configuration allows for them (a full document and a
 * frame). The message rate is raised for a typist that types as fast as the room answers.
 */
const LIMITS: Limits = {
  ...DEFAULT_LIMITS,
  maxFrameBytes: 256 * KiB,
  maxDocumentBytes: 2 * MiB,
  maxSendBufferBytes: 2 * MiB + 256 * KiB,
  maxMessagesPerSecond: 100_000,
};

/** Each round of typing sends this much text to every reader (then deletes it again). */
const PASTE = 'Recognizing the common interest of all humankind. '.repeat(320);
/** Rounds after which a reader that never reads must have been cut off: 64 MiB of frames. */
const MAX_ROUNDS = Math.ceil((64 * MiB) / PASTE.length);

interface LogEntry {
  readonly level: number;
  readonly msg: string;
  readonly [field: string]: unknown;
}

/** Resolves once `doc`'s text is `expected`, checked on every update `doc` applies. */
function sameText(doc: Y.Doc, expected: string): Promise<void> {
  const matches = () => doc.getText('t').toString() === expected;
  if (matches()) return Promise.resolve();
  return new Promise((resolve) => {
    const onUpdate = () => {
      if (!matches()) return;
      doc.off('update', onUpdate);
      resolve();
    };
    doc.on('update', onUpdate);
  });
}

/** The server's Connection for a delegation, found among the room's connections. */
async function connectionOf(server: TestServer, delegation: string) {
  const room = await server.server.rooms.peek(ROOM);
  if (!room) throw new Error('room not loaded');
  const connection = [...room.connections].find((c) => c.identity.delegation === delegation);
  if (!connection) throw new Error(`no connection for ${delegation}`);
  return { room, connection };
}

describe('a client that stops reading', () => {
  let server: TestServer;
  let log: LogEntry[];
  const clients: TestClient[] = [];
  const readers: SlowReader[] = [];

  beforeEach(async () => {
    log = [];
    const logger = createLogger('warn', { write: (line: string) => log.push(JSON.parse(line) as LogEntry) });
    server = await startTestServer({ config: { limits: LIMITS }, logger });
  });
  afterEach(async () => {
    for (const reader of readers.splice(0)) reader.destroy();
    for (const client of clients.splice(0)) client.destroy();
    await server.stop();
  });

  const join = async (delegation: string): Promise<TestClient> => {
    const client = connectClient(server.wsUrl, ROOM, await server.token(ROOM, delegation));
    clients.push(client);
    await whenSynced(client.provider);
    return client;
  };

  const slowReader = async (delegation: string): Promise<SlowReader> => {
    const reader = await openSlowReader(`${server.wsUrl}/${ROOM}?token=${await server.token(ROOM, delegation)}`);
    readers.push(reader);
    return reader;
  };

  /**
   * Types one round in `typist` (a paste, deleted again, and a short mark that stays) and waits
   * until `watcher` has the same text.
   */
  const typeRound = async (typist: TestClient, watcher: TestClient, round: number): Promise<void> => {
    const text = typist.doc.getText('t');
    text.insert(0, PASTE);
    text.delete(0, PASTE.length);
    text.insert(text.length, `${round};`);
    await sameText(watcher.doc, text.toString());
  };

  it('is closed with 4513 once its send buffer is full, and the room goes on without it', async () => {
    const typist = await join('France');
    const watcher = await join('Brazil');
    const reader = await slowReader('Slow');
    await waitFor(() => server.server.rooms.size === 1, 'room loaded');
    const { room, connection } = await connectionOf(server, 'Slow');

    let rounds = 0;
    while (connection.isOpen && rounds < MAX_ROUNDS) {
      await typeRound(typist, watcher, rounds++);
      expect(connection.bufferedBytes).toBeLessThanOrEqual(LIMITS.maxSendBufferBytes);
    }
    expect(connection.isOpen).toBe(false);
    // The buffer filled up to its limit and never past it.
    expect(connection.peakBufferedBytes).toBeLessThanOrEqual(LIMITS.maxSendBufferBytes);
    expect(connection.peakBufferedBytes).toBeGreaterThan(LIMITS.maxSendBufferBytes / 2);

    const overflow = log.find((entry) => entry.code === CloseCode.sendBufferFull);
    expect(overflow).toMatchObject({
      msg: 'send buffer full; closing a connection that is not reading',
      room: ROOM,
      delegation: 'Slow',
      role: 'delegate',
      limitBytes: LIMITS.maxSendBufferBytes,
    });
    const { bufferedBytes, frameBytes } = overflow as unknown as { bufferedBytes: number; frameBytes: number };
    expect(bufferedBytes + frameBytes).toBeGreaterThan(LIMITS.maxSendBufferBytes);

    // Reading again, the client gets what was queued and then the close frame.
    expect(await reader.readUntilClose()).toEqual({
      code: CloseCode.sendBufferFull,
      reason: 'send buffer full; reconnect',
    });
    await waitFor(() => !room.connections.has(connection), 'the closed connection leaves the room');

    // The room and its other clients are unaffected.
    for (let i = 0; i < 5; i++) await typeRound(typist, watcher, rounds++);
    expect(Y.encodeStateVector(watcher.doc)).toEqual(Y.encodeStateVector(typist.doc));

    // Reconnecting, the slow client's delegation gets everything.
    const back = await join('Slow');
    expect(back.doc.getText('t').toString()).toBe(typist.doc.getText('t').toString());
    expect(Y.encodeStateVector(back.doc)).toEqual(Y.encodeStateVector(typist.doc));
    await typeRound(typist, back, rounds++);
  });

  it('is cut off when it never completes the close', async () => {
    const typist = await join('France');
    const watcher = await join('Brazil');
    await slowReader('Slow');
    await waitFor(() => server.server.rooms.size === 1, 'room loaded');
    const { room, connection } = await connectionOf(server, 'Slow');

    let rounds = 0;
    while (connection.isOpen && rounds < MAX_ROUNDS) await typeRound(typist, watcher, rounds++);
    expect(connection.isOpen).toBe(false);
    await waitFor(() => !room.connections.has(connection), 'the silent connection is terminated');
    await typeRound(typist, watcher, rounds++);
  });

  it('never cuts a client joining a document as large as the document limit allows', async () => {
    const typist = await join('France');
    const text = typist.doc.getText('t');
    // Frames under the frame limit, up to about 1.8 MiB of document.
    const chunk = 'x'.repeat(200 * KiB);
    for (let i = 0; i < 9; i++) text.insert(text.length, chunk);
    const joiner = await join('Slow');
    expect(joiner.doc.getText('t').length).toBe(text.length);
    const { connection } = await connectionOf(server, 'Slow');
    expect(connection.isOpen).toBe(true);
    expect(log.filter((entry) => entry.code === CloseCode.sendBufferFull)).toEqual([]);
  });
});

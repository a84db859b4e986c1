import {
  encodeOperation,
  MessageType,
  type OperationName,
  type OperationResult,
  readOperationResult,
  readSettings,
} from '@plenary/protocol';
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import { whenClosed } from './raw-socket.js';

/**
 * A raw websocket (no Yjs) to a room that speaks chair operations (message 103): it records
 * every operation reply and settings push (101) it receives.
 */
export interface OperationSocket {
  readonly socket: WebSocket;
  /** Settings frames received, oldest first. */
  readonly settings: unknown[];
  /** Resolves with the close code and reason. */
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Sends operation `op` with a fresh numeric id and resolves with its reply. */
  call(op: OperationName | string, args?: object): Promise<OperationResult>;
  /** Sends `frame` as is and resolves with the next reply whose id is `id`. */
  sendFrame(frame: Uint8Array, id: string | number | null): Promise<OperationResult>;
  /** Whether the socket is still open. */
  readonly open: boolean;
}

/**
 * Opens a raw websocket to `room` with `token` and `?ext=` set to `ext` (default
 * `operations,settings`); rejects when the upgrade is refused.
 */
export async function openOperationSocket(
  wsUrl: string,
  room: string,
  token: string,
  ext = 'operations,settings',
): Promise<OperationSocket> {
  // Listens from the start: the first frames can arrive with the handshake response.
  const socket = new WebSocket(`${wsUrl}/${room}?token=${token}&ext=${ext}`);
  socket.binaryType = 'nodebuffer';
  const closed = whenClosed(socket);
  const settings: unknown[] = [];
  const waiting: { id: string | number | null; resolve: (result: OperationResult) => void }[] = [];
  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(decoder);
    if (type === MessageType.settings) settings.push(readSettings(decoder));
    if (type !== MessageType.operation) return;
    const result = readOperationResult(decoder);
    const index = waiting.findIndex((waiter) => waiter.id === result.id);
    const [waiter] = index >= 0 ? waiting.splice(index, 1) : [];
    waiter?.resolve(result);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_request, response) => {
      socket.terminate();
      reject(new Error(`upgrade refused with ${response.statusCode}`));
    });
  });
  let nextId = 1;
  const sendFrame = (frame: Uint8Array, id: string | number | null): Promise<OperationResult> =>
    new Promise((resolve, reject) => {
      waiting.push({ id, resolve });
      void closed.then(({ code }) => reject(new Error(`socket closed with ${code} before the reply`)));
      socket.send(frame);
    });
  return {
    socket,
    settings,
    closed,
    call(op, args = {}) {
      const id = nextId++;
      return sendFrame(encodeOperation({ id, op, args }), id);
    },
    sendFrame,
    get open() {
      return socket.readyState === WebSocket.OPEN;
    },
  };
}

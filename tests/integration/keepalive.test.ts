import { CloseCode, encodeKeepalive, MessageType } from '@plenary/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { useChairedRoom } from '../support/chaired-room.js';
import { openRaw, whenClosed } from '../support/raw-socket.js';

/** Opens a raw socket in the room and records the type of every frame it receives. */
async function openListening(url: string, sockets: WebSocket[]): Promise<{ socket: WebSocket; types: number[] }> {
  const result = await openRaw(url);
  if (!result.ok) throw new Error(`upgrade refused with ${result.status}`);
  sockets.push(result.socket);
  const types: number[] = [];
  result.socket.on('message', (data: Buffer) => types.push(data[0] ?? -1));
  return { socket: result.socket, types };
}

/** Resolves once `types` holds `count` keepalive answers. */
function keepalives(socket: WebSocket, types: number[], count: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (types.filter((t) => t === MessageType.keepalive).length >= count) {
        socket.off('message', check);
        resolve();
      }
    };
    socket.on('message', check);
    check();
  });
}

describe('keepalive messages', () => {
  const room = useChairedRoom('keepalive-room');
  const sockets: WebSocket[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.terminate();
  });
  const url = () => `${room.server.wsUrl}/${room.room}?token=${room.chair}`;

  it('answers each keepalive on the asking connection alone', async () => {
    const asking = await openListening(url(), sockets);
    const other = await openListening(url(), sockets);
    asking.socket.send(encodeKeepalive());
    asking.socket.send(encodeKeepalive());
    await keepalives(asking.socket, asking.types, 2);
    // A round trip on the other socket: anything sent to it before now has arrived.
    other.socket.send(encodeKeepalive());
    await keepalives(other.socket, other.types, 1);
    expect(other.types.filter((t) => t === MessageType.keepalive)).toHaveLength(1);
  });

  it('closes a connection whose keepalive carries a body with 4400', async () => {
    const { socket } = await openListening(url(), sockets);
    const closed = whenClosed(socket);
    socket.send(Uint8Array.of(MessageType.keepalive, 0));
    expect(await closed).toEqual({ code: CloseCode.malformed, reason: 'malformed keepalive' });
  });
});

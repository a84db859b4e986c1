import { createServer } from 'node:http';
import * as encoding from 'lib0/encoding';
import { type WebSocket, WebSocketServer } from 'ws';

const MESSAGE_SYNC = 0;
const STEP1 = 0;
const STEP2 = 1;

/**
 * A floor peer: a `ws` server that does no Yjs work at all. Every sync step 1 is answered with
 * one precomputed step 2 carrying `state`; every other frame is forwarded as is to the other
 * sockets of the same room (path). With an empty state this is the relay floor, with a real
 * document the cached-state floor. Writes never change `state`: a floor is a lower bound on
 * cost, not a server.
 */
export function startFloor(state: Uint8Array, port: number, host = '127.0.0.1'): void {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, STEP2);
  encoding.writeVarUint8Array(encoder, state);
  const step2 = Buffer.from(encoding.toUint8Array(encoder));
  const rooms = new Map<string, Set<WebSocket>>();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const http = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/plain' });
    response.end('okay');
  });
  http.on('upgrade', (request, socket, head) => {
    const room = (request.url ?? '/').split('?')[0] ?? '/';
    wss.handleUpgrade(request, socket, head, (ws) => {
      let members = rooms.get(room);
      if (!members) {
        members = new Set();
        rooms.set(room, members);
      }
      const peers = members;
      peers.add(ws);
      ws.on('message', (data: Buffer) => {
        if (data[0] === MESSAGE_SYNC && data[1] === STEP1) {
          ws.send(step2);
          return;
        }
        for (const other of peers) if (other !== ws) other.send(data);
      });
      ws.on('close', () => {
        peers.delete(ws);
        if (peers.size === 0) rooms.delete(room);
      });
      ws.on('error', () => ws.terminate());
    });
  });
  http.listen(port, host);
}

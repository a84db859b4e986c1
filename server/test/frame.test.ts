import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { binaryFrame } from '../src/frame.js';

/**
 * A server that writes each test's frames straight to the upgraded socket, as a broadcast does;
 * a stock ws client reads them.
 */
let server: Server;
let frames: Buffer[] = [];

beforeAll(async () => {
  const wss = new WebSocketServer({ noServer: true });
  server = createServer();
  server.on('upgrade', (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, () => {
      for (const frame of frames) socket.write(frame);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function receive(count: number): Promise<Buffer[]> {
  const { port } = server.address() as AddressInfo;
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  const messages: Buffer[] = [];
  return new Promise((resolve, reject) => {
    client.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) reject(new Error('text frame'));
      messages.push(data);
      if (messages.length === count) {
        client.terminate();
        resolve(messages);
      }
    });
    client.on('error', reject);
  });
}

describe('binary frames', () => {
  it('reach a stock client whole at every length encoding', async () => {
    const lengths = [0, 1, 125, 126, 65_535, 65_536, 300_000];
    const messages = lengths.map((length, i) => Buffer.alloc(length, i + 1));
    frames = messages.map((message) => binaryFrame(message));
    const received = await receive(messages.length);
    expect(received.map((m) => m.length)).toEqual(lengths);
    received.forEach((m, i) => {
      expect(m.equals(messages[i] as Buffer)).toBe(true);
    });
  });

  it('uses the shortest length encoding', () => {
    expect(binaryFrame(new Uint8Array(125)).length).toBe(127);
    expect(binaryFrame(new Uint8Array(126)).length).toBe(130);
    expect(binaryFrame(new Uint8Array(65_536)).length).toBe(65_546);
  });
});

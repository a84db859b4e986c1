/**
 * A message wrapped as one unmasked, unfragmented binary websocket frame (RFC 6455 §5.2), the
 * way a server sends it. The bytes are the same for every recipient, so a broadcast frames a
 * message once and writes the same buffer to each socket: one write per recipient, with no
 * per-recipient header, framing or copy.
 */
export type WireFrame = Buffer & { readonly __wireFrame: true };

/** FIN bit set, opcode 2 (binary). */
const FIN_BINARY = 0x82;

/**
 * Several frames as one buffer, in order, to be written with one call per recipient instead of
 * one per frame (small batches then also travel in one TCP segment).
 */
export function joinFrames(frames: readonly WireFrame[]): WireFrame {
  return (frames.length === 1 ? frames[0] : Buffer.concat(frames)) as WireFrame;
}

/** Frames `message` as one binary websocket frame (header and payload in one buffer). */
export function binaryFrame(message: Uint8Array): WireFrame {
  const length = message.length;
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = FIN_BINARY;
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame.set(message, header);
  return frame as WireFrame;
}

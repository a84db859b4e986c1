import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType } from './message-type.js';

/**
 * Writes an `ack` message: `stored` is the cumulative number of document-write frames (sync
 * step 2 and update) from this connection that the server has stored durably. A client that
 * counts the writes it sent knows everything is saved when the two numbers are equal.
 */
export function writeAck(encoder: encoding.Encoder, stored: number): void {
  encoding.writeVarUint(encoder, MessageType.ack);
  encoding.writeVarUint(encoder, stored);
}

/** Encodes a whole `ack` frame. */
export function encodeAck(stored: number): Uint8Array {
  const encoder = encoding.createEncoder();
  writeAck(encoder, stored);
  return encoding.toUint8Array(encoder);
}

/** Reads the body of an `ack` message (after its type). */
export function readAck(decoder: decoding.Decoder): number {
  return decoding.readVarUint(decoder);
}

import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType } from './message-type.js';

/** A `keepalive` frame has no body: the message type alone. */
export function encodeKeepalive(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.keepalive);
  return encoding.toUint8Array(encoder);
}

/** Whether the body of a `keepalive` message (after its type) is empty, as it must be. */
export function isKeepaliveBody(decoder: decoding.Decoder): boolean {
  return !decoding.hasContent(decoder);
}

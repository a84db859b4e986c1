import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType } from './message-type.js';

/**
 * Encodes a whole `settings` frame: the room's settings as a varString of JSON. Sent only to
 * connections that opted in with `?ext=settings`, on connect and on every change.
 */
export function encodeSettings(settings: object): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.settings);
  encoding.writeVarString(encoder, JSON.stringify(settings));
  return encoding.toUint8Array(encoder);
}

/** Reads the body of a `settings` message (after its type) as parsed JSON. */
export function readSettings(decoder: decoding.Decoder): unknown {
  return JSON.parse(decoding.readVarString(decoder));
}

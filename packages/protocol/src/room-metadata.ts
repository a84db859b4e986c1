import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType } from './message-type.js';

/** What connected clients are told about their room: the heading of the draft. */
export interface RoomMetadata {
  readonly title: string;
  /** The document symbol, e.g. `A/AC.294/2026/WP.1`; null when the room has none. */
  readonly symbol: string | null;
  /**
   * When the record last changed (ISO time). The record read on connect may arrive after a
   * change pushed meanwhile: a client keeps the metadata with the latest `updatedAt`.
   */
  readonly updatedAt: string;
}

/** A `room` message whose body is not room metadata. */
export class RoomMetadataFormatError extends Error {
  override readonly name = 'RoomMetadataFormatError';
}

/**
 * Encodes a whole `room` frame (message 104): the room's title, symbol and time of change as a
 * varString of JSON. Sent only to connections that opted in with `?ext=room`.
 */
export function encodeRoomMetadata(metadata: RoomMetadata): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.room);
  encoding.writeVarString(
    encoder,
    JSON.stringify({ title: metadata.title, symbol: metadata.symbol, updatedAt: metadata.updatedAt }),
  );
  return encoding.toUint8Array(encoder);
}

/**
 * Reads the body of a `room` message (after its type). Throws `RoomMetadataFormatError` when the
 * JSON is not `{title: string, symbol: string | null, updatedAt: string}`.
 */
export function readRoomMetadata(decoder: decoding.Decoder): RoomMetadata {
  let value: unknown;
  try {
    value = JSON.parse(decoding.readVarString(decoder));
  } catch {
    throw new RoomMetadataFormatError('room message is not JSON');
  }
  if (typeof value !== 'object' || value === null) throw new RoomMetadataFormatError('room message is not an object');
  const { title, symbol, updatedAt } = value as Record<string, unknown>;
  if (typeof title !== 'string') throw new RoomMetadataFormatError('room message: title is not a string');
  if (symbol !== null && typeof symbol !== 'string') {
    throw new RoomMetadataFormatError('room message: symbol is neither a string nor null');
  }
  if (typeof updatedAt !== 'string') throw new RoomMetadataFormatError('room message: updatedAt is not a string');
  return { title, symbol, updatedAt };
}

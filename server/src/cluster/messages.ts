import type { SuggestionRecord } from '@plenary/protocol';
import type { PositionChanges, Revocation, RoomStatus } from '../storage/storage.js';

/**
 * What one process tells the others about a room, published on the room's Redis channel. Every
 * message names the process that sent it (`from`), which ignores its own.
 *
 * - `update`: updates `first..last` are stored; `data` is their merge (base64).
 * - `awareness`: presence of the sender's clients changed (`data`, an awareness update).
 * - `settings`, `metadata`: re-read them from the database and push them.
 * - `revoked`: close the connections the revocation refuses.
 * - `gone`: the room was archived or deleted; close and unload it.
 * - `thread`: a comment thread changed; re-read it and push it.
 * - `suggestions`: these suggestion records were stored.
 * - `positions`: these position records were stored (`frozen` only when the numbering changed).
 */
export type ClusterEvent =
  | { readonly kind: 'update'; readonly first: number; readonly last: number; readonly data: string }
  | { readonly kind: 'awareness'; readonly data: string }
  | { readonly kind: 'settings' }
  | { readonly kind: 'metadata' }
  | { readonly kind: 'revoked'; readonly revocation: Revocation }
  | { readonly kind: 'gone'; readonly status: Exclude<RoomStatus, 'active'> }
  | { readonly kind: 'thread'; readonly id: string }
  | { readonly kind: 'suggestions'; readonly records: readonly SuggestionRecord[] }
  | { readonly kind: 'positions'; readonly changes: PositionChanges };

/** A {@link ClusterEvent} on the wire, with its room and sender. */
export type ClusterMessage = ClusterEvent & { readonly from: string; readonly room: string };

const KINDS = new Set([
  'update',
  'awareness',
  'settings',
  'metadata',
  'revoked',
  'gone',
  'thread',
  'suggestions',
  'positions',
]);

/** The Redis channel of `room`'s messages, under `prefix`. */
export function roomChannel(prefix: string, room: string): string {
  return `${prefix}room:${room}`;
}

export function encodeClusterMessage(message: ClusterMessage): string {
  return JSON.stringify(message);
}

/**
 * Parses a message; null for anything that is not one (another application on the same Redis,
 * or a newer build's message kind), which is ignored.
 */
export function decodeClusterMessage(text: string): ClusterMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const m = value as { kind?: unknown; from?: unknown; room?: unknown };
  if (typeof m.kind !== 'string' || !KINDS.has(m.kind)) return null;
  if (typeof m.from !== 'string' || typeof m.room !== 'string') return null;
  return value as ClusterMessage;
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

import { binaryFrame, joinFrames } from './frame.js';
import type { RoomMember } from './room-member.js';
import { encodeUpdateMessage } from './sync-messages.js';

/** One committed write as the broadcast sees it: its sender and what it changed. */
export interface BroadcastWrite {
  /** The member that sent it, which does not get it back; null for the server's own writes. */
  readonly member: RoomMember | null;
  /** What the document emitted, or null when the write changed nothing. */
  readonly update: Uint8Array | null;
}

/**
 * Sends `message` to every member except `except`. The frame is built once and the same bytes
 * are written to every socket. Returns whether there was anyone to send to.
 */
export function broadcast(members: ReadonlySet<RoomMember>, message: Uint8Array, except: RoomMember | null): boolean {
  if (members.size === 0 || (members.size === 1 && members.has(except as RoomMember))) {
    return false;
  }
  const frame = binaryFrame(message);
  for (const member of members) {
    if (member !== except) member.sendFrame(frame);
  }
  return true;
}

/**
 * Broadcasts a committed batch, in order, each update to everyone but its sender. The frames
 * are built once and joined into one buffer, so every member gets the whole batch in one
 * write; only the batch's own senders get a buffer of their own, without their frames.
 * Returns whether anything was written to a socket.
 */
export function broadcastBatch(members: ReadonlySet<RoomMember>, batch: readonly BroadcastWrite[]): boolean {
  const updates = batch.filter((write): write is BroadcastWrite & { update: Uint8Array } => write.update !== null);
  const only = updates.length === 1 ? updates[0] : undefined;
  if (only) return broadcast(members, encodeUpdateMessage(only.update), only.member);
  if (updates.length === 0) return false;
  const frames = updates.map((write) => binaryFrame(encodeUpdateMessage(write.update)));
  const all = joinFrames(frames);
  const senders = new Set(updates.map((write) => write.member));
  let sent = false;
  for (const member of members) {
    if (!senders.has(member)) {
      member.sendFrame(all);
      sent = true;
      continue;
    }
    const others = frames.filter((_, index) => updates[index]?.member !== member);
    if (others.length === 0) continue;
    member.sendFrame(joinFrames(others));
    sent = true;
  }
  return sent;
}

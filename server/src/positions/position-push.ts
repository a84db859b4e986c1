import { encodePositions, type PositionRecords } from '@plenary/protocol';
import type { RoomMember } from '../room-member.js';

/**
 * Sends created or changed position records (message 107, `kind: "changed"`) to the members
 * that opted in with `?ext=positions`. Every member of the room may read every record.
 */
export function pushPositions(members: Iterable<RoomMember>, changed: PositionRecords): void {
  let frame: Uint8Array | null = null;
  for (const member of members) {
    if (!member.wants('positions')) continue;
    frame ??= encodePositions({ kind: 'changed', ...changed });
    member.send(frame);
  }
}

/** Sends a newly connected member every position record of the room (message 107, `kind: "all"`). */
export function sendAllPositions(member: RoomMember, records: PositionRecords): void {
  if (member.wants('positions')) member.send(encodePositions({ kind: 'all', ...records }));
}

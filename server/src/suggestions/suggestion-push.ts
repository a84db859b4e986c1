import { encodeSuggestions, type SuggestionRecord } from '@plenary/protocol';
import type { RoomMember } from '../room-member.js';

/**
 * Sends created or changed suggestion records (message 106, `kind: "changed"`) to the members
 * that opted in with `?ext=suggestions`. Every member of the room may read every record.
 */
export function pushSuggestions(members: Iterable<RoomMember>, records: readonly SuggestionRecord[]): void {
  if (records.length === 0) return;
  let frame: Uint8Array | null = null;
  for (const member of members) {
    if (!member.wants('suggestions')) continue;
    frame ??= encodeSuggestions({ kind: 'changed', suggestions: records });
    member.send(frame);
  }
}

/** Sends a newly connected member every record of the room (message 106, `kind: "all"`). */
export function sendAllSuggestions(member: RoomMember, records: readonly SuggestionRecord[]): void {
  if (member.wants('suggestions')) member.send(encodeSuggestions({ kind: 'all', suggestions: records }));
}

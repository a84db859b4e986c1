import type { ExportSuggestion } from '@plenary/export';
import type { SuggestionRecord } from '@plenary/protocol';
import type { RoomRegistry } from '../rooms.js';
import type { InviteRecord, Storage } from '../storage/storage.js';
import { listRoomSuggestions } from './suggestion-operations.js';

/** The key {@link personNames} files a person's name under. */
export function personKey(delegation: string, person: string): string {
  return `${delegation}\u0000${person}`;
}

/**
 * The names the room's invites give each person of a delegation (the newest invite wins), when
 * the name says more than the delegation. Person ids are opaque, so exports show only these.
 */
export function personNames(invites: readonly InviteRecord[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const invite of invites)
    if (invite.name.trim() !== '' && invite.name !== invite.delegation)
      names.set(personKey(invite.delegation, invite.person), invite.name);
  return names;
}

/** One record as exports read it: the person named as the room's invites name them, or not at all. */
function exportSuggestion(record: SuggestionRecord, names: ReadonlyMap<string, string>): ExportSuggestion {
  return {
    id: record.id,
    kind: record.kind,
    delegation: record.delegation,
    person: record.person === null ? null : (names.get(personKey(record.delegation, record.person)) ?? null),
    createdAt: record.createdAt,
    status: record.status,
  };
}

/**
 * The room's suggestion records for an export: the live room's when it is loaded (its records are
 * the ones its document's marks were written with), otherwise the stored ones (the CLI passes no
 * registry). The delegation is the record's, bound by the server to the writing author; the
 * person's name comes from the room's invites, expired ones included (a suggestion outlives the
 * invite it was written under).
 */
export async function exportSuggestions(
  storage: Storage,
  rooms: RoomRegistry | null,
  room: string,
): Promise<ExportSuggestion[]> {
  const [records, invites] = await Promise.all([
    rooms ? listRoomSuggestions({ storage, rooms }, room) : storage.listSuggestions(room),
    storage.listInvites(room, 0),
  ]);
  const names = personNames(invites);
  return records.map((record) => exportSuggestion(record, names));
}

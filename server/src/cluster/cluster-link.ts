import type { SuggestionRecord } from '@plenary/protocol';
import type { PositionChanges } from '../storage/storage.js';

/**
 * What a room tells the other server processes of a cluster (`cluster.ts`), after the fact:
 * each call is made once the change is stored, and publishing never blocks the room.
 */
export interface ClusterLink {
  /** This process stored updates `first..last` of `room`; `update` is their merge. */
  stored(room: string, first: number, last: number, update: Uint8Array): void;
  /** Presence of this process's clients in `room` changed (an awareness update). */
  awareness(room: string, update: Uint8Array): void;
  /** These suggestion records of `room` were stored by this process. */
  suggestions(room: string, records: readonly SuggestionRecord[]): void;
  /** These position records of `room` (proposers, stances, statuses, picks, numbering) were stored. */
  positions(room: string, changes: PositionChanges): void;
}

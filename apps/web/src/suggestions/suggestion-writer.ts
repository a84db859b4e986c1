import type { SuggestionRecord } from '@plenary/protocol';
import { newId, type SuggestAuthor } from '@plenary/schema';
import type { Role } from '../api/rooms.js';
import type { RoomMode } from '../collab/room-connection.js';

/**
 * Who writes in this editor, for suggest mode and the formal-mode rules: the delegation and
 * role of the session, the room's mode and suggestion records as last pushed, and the mark ids
 * this editor minted (its own before the server has recorded them). The room updates `mode` and
 * `records` as the server pushes them; the editor reads them on every transaction.
 */
export class SuggestionWriter implements SuggestAuthor {
  mode: RoomMode = 'informal';
  records: ReadonlyMap<string, SuggestionRecord> = new Map();
  private readonly minted = new Set<string>();

  constructor(
    readonly delegation: string,
    readonly role: Role,
  ) {}

  /** Whether delegates must suggest: formal mode, for anyone but the chair. */
  get mustSuggest(): boolean {
    return this.mode === 'formal' && this.role !== 'chair';
  }

  /** Whether mark id `id` is this delegation's: recorded for it, or minted here and not recorded for another. */
  readonly isOwn = (id: string): boolean => {
    const record = this.records.get(id);
    if (record) return record.delegation === this.delegation;
    return this.minted.has(id);
  };

  /** A fresh suggestion mark id, remembered as this editor's own. */
  readonly newId = (): string => {
    const id = newId('s');
    this.minted.add(id);
    return id;
  };
}

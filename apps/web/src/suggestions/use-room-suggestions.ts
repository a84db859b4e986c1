import type { SuggestionRecord } from '@plenary/protocol';
import type { EditorView } from 'prosemirror-view';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { Role } from '../api/rooms.js';
import type { RoomMode } from '../collab/room-connection.js';
import { setSuggestionRecords } from './suggestion-decorations.js';
import type { SuggestionFeed } from './suggestion-feed.js';
import { SuggestionWriter } from './suggestion-writer.js';

/** The room's suggestions as the drafting room uses them. */
export interface RoomSuggestions {
  readonly records: ReadonlyMap<string, SuggestionRecord>;
  readonly writer: SuggestionWriter;
}

/**
 * Follows the room's suggestion records and mode: the editor's writer (suggest mode, formal
 * rules) reads them on every transaction, and the suggestion colours are redrawn when the
 * records change.
 */
export function useRoomSuggestions(
  feed: SuggestionFeed,
  view: EditorView | null,
  identity: { readonly delegation: string; readonly role: Role },
  mode: RoomMode,
): RoomSuggestions {
  const records = useSyncExternalStore(feed.subscribe, feed.getSnapshot);
  const writer = useMemo(() => new SuggestionWriter(identity.delegation, identity.role), [identity]);
  writer.mode = mode;
  writer.records = records;
  useEffect(() => {
    if (view && !view.isDestroyed) view.dispatch(setSuggestionRecords(view.state.tr, records));
  }, [view, records]);
  return { records, writer };
}

import type { SuggestionRecord } from '@plenary/protocol';
import type { EditorView } from 'prosemirror-view';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { Role } from '../api/rooms.js';
import type { RoomMode } from '../collab/room-connection.js';
import { drawnAlike, setSuggestionRecords, suggestionDecorationsKey } from './suggestion-decorations.js';
import type { SuggestionFeed } from './suggestion-feed.js';
import { SuggestionWriter } from './suggestion-writer.js';

/** The room's suggestions as the drafting room uses them. */
export interface RoomSuggestions {
  readonly writer: SuggestionWriter;
  /** How many suggestions are open. */
  readonly openCount: number;
}

/** The part of the editor view the records are handed to. */
export type RecordsTarget = Pick<EditorView, 'state' | 'dispatch' | 'isDestroyed'>;

/** The records the editor's suggestion colours were last drawn from. */
function drawnRecords(view: RecordsTarget): ReadonlyMap<string, SuggestionRecord> {
  return suggestionDecorationsKey.getState(view.state)?.records ?? new Map();
}

/**
 * Hands the feed's records, now and after each push, to the writer and, when a push changes how
 * a suggestion is drawn, to the editor's suggestion colours (one transaction); a push changing
 * only a record's text or status reaches the writer alone. Returns the unsubscribe.
 */
export function followRecords(feed: SuggestionFeed, writer: SuggestionWriter, view: RecordsTarget | null): () => void {
  const follow = () => {
    const records = feed.getSnapshot();
    writer.records = records;
    if (!view || view.isDestroyed || drawnAlike(drawnRecords(view), records)) return;
    view.dispatch(setSuggestionRecords(view.state.tr, records));
  };
  follow();
  return feed.subscribe(follow);
}

/**
 * Follows the room's suggestion records and mode without drawing the room again for each push:
 * the editor's writer (suggest mode, formal rules) reads the records as last pushed on every
 * transaction, and the suggestion colours are given new records only when a push changes how a
 * suggestion is drawn (a new record, another delegation or time), not on the pushes that change
 * only a record's text or status, one per keystroke of its author. The room is drawn again only
 * when the number of open suggestions changes; the panels that list records follow the feed
 * themselves.
 */
export function useRoomSuggestions(
  feed: SuggestionFeed,
  view: EditorView | null,
  identity: { readonly delegation: string; readonly role: Role },
  mode: RoomMode,
): RoomSuggestions {
  const openCount = useSyncExternalStore(feed.subscribe, feed.getOpenCount);
  const writer = useMemo(() => new SuggestionWriter(identity.delegation, identity.role), [identity]);
  writer.mode = mode;
  writer.records = feed.getSnapshot();
  useEffect(() => followRecords(feed, writer, view), [feed, view, writer]);
  return { writer, openCount };
}

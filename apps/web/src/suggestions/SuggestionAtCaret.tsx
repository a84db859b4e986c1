import { suggestionIdOf } from '@plenary/schema';
import type { EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { useCallback, useSyncExternalStore } from 'react';
import { useEditorSelect } from '../editor/use-editor.js';
import type { SuggestionFeed } from './suggestion-feed.js';
import { suggestionTitle } from './suggestion-words.js';

/** The suggestion ids at the cursor: the text just after it, or else just before. */
function idsAtCaret(state: EditorState): string {
  const $head = state.selection.$head;
  const node = $head.nodeAfter?.isText ? $head.nodeAfter : $head.nodeBefore;
  if (!node?.isText) return '';
  const ins = suggestionIdOf(node.marks, 'insertion');
  const del = suggestionIdOf(node.marks, 'deletion');
  return [ins ? `insertion:${ins}` : '', del ? `deletion:${del}` : ''].filter(Boolean).join(' ');
}

/**
 * Says who made the suggestion at the cursor and when ("Insertion proposed by France, 5 Dec,
 * 14:02"), in a polite live region: what hovering shows, for the keyboard. Follows the feed for
 * the words it shows only, so a push that changes another record, or a record's text, does not
 * draw it again.
 */
export function SuggestionAtCaret({ view, feed }: { readonly view: EditorView | null; readonly feed: SuggestionFeed }) {
  const select = useCallback(idsAtCaret, []);
  const ids = useEditorSelect(view, select, '');
  const describe = useCallback(
    () =>
      ids
        .split(' ')
        .filter(Boolean)
        .map((entry) => {
          const [kind, id] = entry.split(':') as ['insertion' | 'deletion', string];
          return suggestionTitle(feed.getSnapshot().get(id), kind);
        })
        .join('; '),
    [ids, feed],
  );
  const text = useSyncExternalStore(feed.subscribe, describe);
  return (
    <p className="suggestion-at-caret" role="status" aria-live="polite" data-testid="suggestion-at-caret">
      {text}
    </p>
  );
}

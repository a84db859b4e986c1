import { clauseIdPlugin, schema } from '@plenary/schema';
import { EditorState } from 'prosemirror-state';
import { yCursorPlugin, ySyncPlugin, yUndoPlugin } from 'y-prosemirror';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { commentHighlightPlugin } from '../comments/comment-highlight-plugin.js';
import { positionDecorationsPlugins } from '../positions/position-decorations.js';
import { suggestionDecorationsPlugin } from '../suggestions/suggestion-decorations.js';
import { caretLabelLayoutPlugin } from './caret-label-layout.js';
import { chairFollowPlugin } from './chair-follow-plugin.js';
import { clausePresencePlugin } from './clause-presence-plugin.js';
import { editorEventsPlugin } from './editor-events.js';
import { draftKeymaps } from './keymap.js';
import { lintPlugin } from './lint-plugin.js';
import { numberingPlugin } from './numbering-plugin.js';
import { ownRunCaretPlugin } from './own-run-caret-plugin.js';
import { pastePlugin } from './paste-plugin.js';
import { placeholderInputPlugin } from './placeholder-input.js';
import { remoteCursor, remoteSelection } from './remote-cursor.js';
import { suggestModePlugin } from './suggest-mode.js';
import { undoBoundaryPlugin } from './undo-boundary-plugin.js';

/**
 * The editor state bound to a room's `draft` fragment: Yjs sync, remote cursors labelled by
 * delegation and person (labels above the line, moved apart when carets stand close), the caret kept after one's own typing when others type at the same
 * spot, per-user undo (y-prosemirror tracks only this client's changes, so
 * undo never touches anyone else's typing), live clause labels, clause-id repair, drafting
 * notes in the margin, comment highlights, suggest mode and suggestions drawn in their
 * delegation's colour, brackets and alternatives drawn with who proposed them, and updates for
 * the side panels. With `follow`
 * (projection view) the view also follows the chair's clause, this window does not publish a
 * clause of its own, and the drafting notes stay off the room's screen (they are for drafters).
 */
export function createDraftState(
  fragment: Y.XmlFragment,
  awareness: Awareness,
  options: { follow?: boolean } = {},
): EditorState {
  return EditorState.create({
    schema,
    plugins: [
      ySyncPlugin(fragment),
      yCursorPlugin(awareness, { cursorBuilder: remoteCursor, selectionBuilder: remoteSelection }),
      caretLabelLayoutPlugin(),
      yUndoPlugin(),
      ownRunCaretPlugin(),
      undoBoundaryPlugin(),
      ...draftKeymaps(),
      placeholderInputPlugin(),
      pastePlugin(),
      numberingPlugin(),
      clauseIdPlugin(),
      options.follow ? chairFollowPlugin(awareness) : clausePresencePlugin(awareness),
      commentHighlightPlugin(),
      suggestModePlugin(),
      suggestionDecorationsPlugin(),
      ...positionDecorationsPlugins(),
      ...(options.follow ? [] : [lintPlugin()]),
      editorEventsPlugin(),
    ],
  });
}

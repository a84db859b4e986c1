import { clauseIdPlugin, schema } from '@plenary/schema';
import { EditorState } from 'prosemirror-state';
import { yCursorPlugin, ySyncPlugin, yUndoPlugin } from 'y-prosemirror';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { clausePresencePlugin } from './clause-presence-plugin.js';
import { draftKeymaps } from './keymap.js';
import { numberingPlugin } from './numbering-plugin.js';
import { remoteCursor, remoteSelection } from './remote-cursor.js';
import { undoBoundaryPlugin } from './undo-boundary-plugin.js';

/**
 * The editor state bound to a room's `draft` fragment: Yjs sync, remote cursors labelled by
 * delegation and person, per-user undo (y-prosemirror tracks only this client's changes, so
 * undo never touches anyone else's typing), live clause labels and clause-id repair.
 */
export function createDraftState(fragment: Y.XmlFragment, awareness: Awareness): EditorState {
  return EditorState.create({
    schema,
    plugins: [
      ySyncPlugin(fragment),
      yCursorPlugin(awareness, { cursorBuilder: remoteCursor, selectionBuilder: remoteSelection }),
      yUndoPlugin(),
      undoBoundaryPlugin(),
      ...draftKeymaps(),
      numberingPlugin(),
      clauseIdPlugin(),
      clausePresencePlugin(awareness),
    ],
  });
}

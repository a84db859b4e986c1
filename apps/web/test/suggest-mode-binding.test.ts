import { clauseIdPlugin, DRAFT_FRAGMENT, schema } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import { EditorState, type Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { afterEach, describe, expect, it } from 'vitest';
import { prosemirrorToYXmlFragment, undo, ySyncPlugin, yUndoPlugin } from 'y-prosemirror';
import * as Y from 'yjs';
import { prepareLocalWrite, suggestModePlugin } from '../src/editor/suggest-mode.js';
import { SuggestionWriter } from '../src/suggestions/suggestion-writer.js';
import { oneClauseDraft, suggestionRuns } from './suggestion-fixture.js';

/** Origin of updates relayed from the other peer. */
const RELAY = 'relay';

/**
 * The part of an `EditorView` y-prosemirror's sync and undo plugins use (`state`, `dispatch`,
 * `hasFocus`), without a DOM: `dispatch` runs the draft editor's own dispatch (`DraftEditor`):
 * the local write prepared by `prepareLocalWrite`, refusals kept, then the plugin views updated.
 */
class HeadlessEditor {
  state: EditorState;
  readonly refusals: string[] = [];
  private readonly views: { update?: (view: EditorView, prev: EditorState) => void; destroy?: () => void }[] = [];

  constructor(
    fragment: Y.XmlFragment,
    private readonly writer: SuggestionWriter,
  ) {
    this.state = EditorState.create({
      schema,
      plugins: [ySyncPlugin(fragment), yUndoPlugin(), clauseIdPlugin(), suggestModePlugin()],
    });
    const view = this as unknown as EditorView;
    // Plugins dispatch while their views are made (y-prosemirror renders the Y content then).
    for (const plugin of this.state.plugins) if (plugin.spec.view) this.views.push(plugin.spec.view(view));
  }

  dispatch(tr: Transaction): void {
    const prepared = prepareLocalWrite(this.state, tr, this.writer);
    if (prepared.kind === 'refused') {
      this.refusals.push(prepared.reason);
      return;
    }
    const prev = this.state;
    this.state = this.state.apply(prepared.tr);
    for (const view of this.views) view.update?.(this as unknown as EditorView, prev);
  }

  hasFocus(): boolean {
    return false;
  }

  destroy(): void {
    for (const view of this.views) view.destroy?.();
  }
}

const DRAFT = oneClauseDraft([{ type: 'text', text: 'Calls upon States to notify launches;' }]);

/** Two peers on one draft, each update relayed to the other at once, as the room does. */
function peers(): { france: Y.Doc; chair: Y.Doc } {
  const seed = new Y.Doc();
  prosemirrorToYXmlFragment(DRAFT, seed.getXmlFragment(DRAFT_FRAGMENT));
  const france = new Y.Doc();
  const chair = new Y.Doc();
  for (const doc of [france, chair]) Y.applyUpdate(doc, Y.encodeStateAsUpdate(seed));
  france.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== RELAY) Y.applyUpdate(chair, update, RELAY);
  });
  chair.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== RELAY) Y.applyUpdate(france, update, RELAY);
  });
  return { france, chair };
}

/** The OP's Y.XmlText (body's text) of `doc`. */
function opText(doc: Y.Doc): Y.XmlText {
  const op = doc
    .getXmlFragment(DRAFT_FRAGMENT)
    .createTreeWalker((el) => el instanceof Y.XmlElement && el.nodeName === 'op');
  const element = op.next().value as Y.XmlElement;
  return (element.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

function posOf(doc: PMNode, needle: string): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found >= 0 || !node.isText) return found < 0;
    const at = node.text?.indexOf(needle) ?? -1;
    if (at >= 0) found = pos + at;
    return false;
  });
  if (found < 0) throw new Error(`no ${needle}`);
  return found;
}

describe('suggest mode through the y-prosemirror binding', () => {
  const editors: HeadlessEditor[] = [];
  afterEach(() => {
    for (const editor of editors.splice(0)) editor.destroy();
  });

  function formalDelegate(doc: Y.Doc): HeadlessEditor {
    const writer = new SuggestionWriter('France', 'delegate');
    writer.mode = 'formal';
    const editor = new HeadlessEditor(doc.getXmlFragment(DRAFT_FRAGMENT), writer);
    editors.push(editor);
    return editor;
  }

  it('undoes a delegate’s own suggested insertion and deletion in formal mode, never as new suggestions', () => {
    const { france, chair } = peers();
    const editor = formalDelegate(france);
    expect(suggestionRuns(editor.state.doc)).toEqual(['Calls upon States to notify launches;']);

    editor.dispatch(editor.state.tr.insertText(' all', posOf(editor.state.doc, ' States')));
    const [typed] = suggestionRuns(editor.state.doc).filter((run) => run.startsWith('+'));
    expect(typed).toMatch(/^\+\[.+\] all$/);
    expect(opText(chair).toString()).toContain('all');

    // The insertion made and captured, undo takes it away: the text goes, struck by nobody.
    const undoManager = editor.state.plugins
      .map((plugin) => plugin.getState(editor.state) as { undoManager?: Y.UndoManager } | undefined)
      .find((state) => state?.undoManager)?.undoManager;
    undoManager?.stopCapturing();
    expect(undo(editor.state)).toBe(true);
    expect(suggestionRuns(editor.state.doc)).toEqual(['Calls upon States to notify launches;']);
    expect(opText(chair).toDelta()).toEqual([{ insert: 'Calls upon States to notify launches;' }]);

    const from = posOf(editor.state.doc, 'States');
    editor.dispatch(editor.state.tr.delete(from, from + 'States'.length));
    expect(suggestionRuns(editor.state.doc).filter((run) => run.startsWith('-'))).toEqual([
      expect.stringMatching(/^-\[.+\]States$/),
    ]);
    undoManager?.stopCapturing();
    expect(undo(editor.state)).toBe(true);
    expect(suggestionRuns(editor.state.doc)).toEqual(['Calls upon States to notify launches;']);
    expect(opText(chair).toDelta()).toEqual([{ insert: 'Calls upon States to notify launches;' }]);
    expect(editor.refusals).toEqual([]);
  });

  it('writes the chair’s direct words inside a delegation’s insertion to Yjs as plain text, the insertion split under its id', () => {
    const { france, chair } = peers();
    const writer = new SuggestionWriter('Chair', 'chair');
    writer.mode = 'formal';
    const editor = new HeadlessEditor(chair.getXmlFragment(DRAFT_FRAGMENT), writer);
    editors.push(editor);
    // Brazil's insertion arrives from another peer, as it is.
    const text = opText(france);
    text.insert('Calls upon'.length, ' all the', { insertion: { id: 's-brazil' } });
    expect(suggestionRuns(editor.state.doc)).toEqual([
      'Calls upon',
      '+[s-brazil] all the',
      ' States to notify launches;',
    ]);

    for (const ch of ' of') editor.dispatch(editor.state.tr.insertText(ch, posOf(editor.state.doc, ' the')));
    expect(suggestionRuns(editor.state.doc)).toEqual([
      'Calls upon',
      '+[s-brazil] all',
      ' of',
      '+[s-brazil] the',
      ' States to notify launches;',
    ]);
    expect(opText(france).toDelta()).toEqual([
      { insert: 'Calls upon' },
      { insert: ' all', attributes: { insertion: { id: 's-brazil' } } },
      { insert: ' of' },
      { insert: ' the', attributes: { insertion: { id: 's-brazil' } } },
      { insert: ' States to notify launches;' },
    ]);

    // Undo takes the chair's words away and leaves Brazil's insertion whole again.
    const undoManager = editor.state.plugins
      .map((plugin) => plugin.getState(editor.state) as { undoManager?: Y.UndoManager } | undefined)
      .find((state) => state?.undoManager)?.undoManager;
    undoManager?.stopCapturing();
    expect(undo(editor.state)).toBe(true);
    expect(suggestionRuns(editor.state.doc)).toEqual([
      'Calls upon',
      '+[s-brazil] all the',
      ' States to notify launches;',
    ]);
    expect(editor.refusals).toEqual([]);
  });

  it('shows remote direct edits as they were made and writes nothing back for them', () => {
    const { france, chair } = peers();
    const editor = formalDelegate(france);
    const written: Uint8Array[] = [];
    france.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== RELAY) written.push(update);
    });

    // The chair edits directly: an insertion and a removal, no suggestion marks.
    const text = opText(chair);
    chair.transact(() => {
      text.insert('Calls upon'.length, ' all');
      text.delete(text.toString().indexOf(' to notify'), ' to notify'.length);
    });
    expect(suggestionRuns(editor.state.doc)).toEqual(['Calls upon all States launches;']);
    // Another delegation's suggestion arrives as it is, under its own id.
    opText(chair).insert(0, 'Also ', { insertion: { id: 's-brazil' } });
    expect(suggestionRuns(editor.state.doc)).toEqual(['+[s-brazil]Also ', 'Calls upon all States launches;']);
    expect(written).toEqual([]);
    expect(editor.refusals).toEqual([]);
  });
});

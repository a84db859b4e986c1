import { docFromJSON } from '@plenary/schema';
import { EditorState, TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { ySyncPluginKey } from 'y-prosemirror';
import { editsAwayFromCaret } from '../src/editor/undo-boundary-plugin.js';

function op(id: string, text: string) {
  return { type: 'op', attrs: { id }, content: [{ type: 'body', content: [{ type: 'text', text }] }] };
}

/** Two operative paragraphs, "First clause;" and "Second clause;", with the caret at the end of the first. */
function twoClauses(): { state: EditorState; endOfFirst: number; endOfSecond: number } {
  const doc = docFromJSON({
    type: 'doc',
    content: [
      { type: 'preamble', content: [] },
      { type: 'operative', content: [op('o1', 'First clause;'), op('o2', 'Second clause;')] },
    ],
  });
  const ends: number[] = [];
  doc.descendants((node, pos) => {
    if (node.isText) ends.push(pos + node.nodeSize);
  });
  const [endOfFirst = 0, endOfSecond = 0] = ends;
  const state = EditorState.create({ doc, selection: TextSelection.create(doc, endOfFirst) });
  return { state, endOfFirst, endOfSecond };
}

describe('the undo boundary', () => {
  it('keeps typing at the caret in the current undo step', () => {
    const { state, endOfFirst } = twoClauses();
    expect(editsAwayFromCaret(state.tr.insertText('x', endOfFirst), state.selection)).toBe(false);
  });

  it('keeps Backspace and Delete at the caret in the current undo step', () => {
    const { state, endOfFirst } = twoClauses();
    expect(editsAwayFromCaret(state.tr.delete(endOfFirst - 1, endOfFirst), state.selection)).toBe(false);
    const atStart = state.apply(state.tr.setSelection(TextSelection.create(state.doc, endOfFirst - 3)));
    expect(editsAwayFromCaret(atStart.tr.delete(endOfFirst - 3, endOfFirst - 2), atStart.selection)).toBe(false);
  });

  it('starts a new step when the first typed character lands in another clause', () => {
    const { state, endOfSecond } = twoClauses();
    expect(editsAwayFromCaret(state.tr.insertText('x', endOfSecond), state.selection)).toBe(true);
  });

  it('leaves changes from Yjs and selection-only changes alone', () => {
    const { state, endOfSecond } = twoClauses();
    const remote = state.tr.insertText('x', endOfSecond).setMeta(ySyncPluginKey, { isChangeOrigin: true });
    expect(editsAwayFromCaret(remote, state.selection)).toBe(false);
    const move = state.tr.setSelection(TextSelection.create(state.doc, endOfSecond));
    expect(editsAwayFromCaret(move, state.selection)).toBe(false);
  });
});

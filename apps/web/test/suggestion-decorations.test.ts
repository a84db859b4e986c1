import type { SuggestionRecord } from '@plenary/protocol';
import { schema } from '@plenary/schema';
import type { EditorState } from 'prosemirror-state';
import type { DecorationSet } from 'prosemirror-view';
import { describe, expect, it } from 'vitest';
import {
  drawnAlike,
  setSuggestionRecords,
  suggestionDecorationsKey,
} from '../src/suggestions/suggestion-decorations.js';
import { record, state } from './suggestion-fixture.js';

function push(current: EditorState, records: readonly SuggestionRecord[]): EditorState {
  return current.apply(setSuggestionRecords(current.tr, new Map(records.map((r) => [r.id, r]))));
}

function decorations(current: EditorState): DecorationSet {
  const value = suggestionDecorationsKey.getState(current);
  if (!value) throw new Error('no decorations state');
  return value.decorations;
}

/** The delegation named by each suggestion tag, from the tags' keys (`kind:id:delegation:colour`). */
function delegationsDrawn(current: EditorState): string[] {
  return decorations(current)
    .find()
    .flatMap((d) => {
      const key = (d.spec as { key?: unknown }).key;
      return typeof key === 'string' ? [key.split(':')[2] ?? ''] : [];
    });
}

describe('suggestion decorations', () => {
  it('draws a suggestion in its delegation once its record arrives', () => {
    const before = state();
    expect(delegationsDrawn(before)).toEqual(['Unattributed']);
    expect(delegationsDrawn(push(before, [record()]))).toEqual(['France']);
  });

  it('keeps the drawing when a push changes only a record’s text or status, and follows the records', () => {
    const drawn = push(state(), [record()]);
    const typedOn = push(drawn, [record({ text: ' and peaceful uses' })]);
    expect(decorations(typedOn)).toBe(decorations(drawn));
    expect(suggestionDecorationsKey.getState(typedOn)?.records.get('s1')?.text).toBe(' and peaceful uses');
    const decided = push(typedOn, [record({ status: 'accepted', decidedBy: 'Chair', decidedAt: 1 })]);
    expect(decorations(decided)).toBe(decorations(drawn));
  });

  it('redraws when a push changes who a suggestion is by, or which suggestions have records', () => {
    const drawn = push(state(), [record()]);
    expect(delegationsDrawn(push(drawn, [record({ delegation: 'Brazil' })]))).toEqual(['Brazil']);
    expect(delegationsDrawn(push(drawn, []))).toEqual(['Unattributed']);
  });

  it('redraws a remote edit that replaces the whole document only where the text changed', () => {
    const drawn = push(state(), [record()]);
    // y-prosemirror hands a remote keystroke to ProseMirror as a replacement of the whole
    // document. The insertion's text starts after "Calls upon States" (the op's text starts at 5).
    const end = 5 + 'Calls upon States and peaceful'.length;
    const edited = drawn.tr.insert(end, schema.text(' uses', [schema.marks.insertion.create({ id: 's1' })])).doc;
    const remote = drawn.tr.replaceWith(0, drawn.doc.content.size, edited.content);
    const after = drawn.apply(remote);
    const inline = decorations(after)
      .find()
      .filter((d) => d.from !== d.to);
    expect(inline.map((d) => after.doc.textBetween(d.from, d.to))).toEqual([' and peaceful uses']);
    expect(delegationsDrawn(after)).toEqual(['France']);
  });

  it('compares records by what is drawn of them', () => {
    const one = new Map([['s1', record()]]);
    expect(drawnAlike(one, new Map([['s1', record({ text: 'other' })]]))).toBe(true);
    expect(drawnAlike(one, new Map([['s1', record({ createdAt: 1 })]]))).toBe(false);
    expect(drawnAlike(one, new Map([['s2', record({ id: 's2' })]]))).toBe(false);
    expect(drawnAlike(one, new Map())).toBe(false);
  });
});

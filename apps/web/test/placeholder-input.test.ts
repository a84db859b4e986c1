import { docFromJSON, findPlaceholders } from '@plenary/schema';
import { EditorState } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { typeIntoPlaceholder } from '../src/editor/placeholder-input.js';

const doc = docFromJSON({
  type: 'doc',
  content: [
    {
      type: 'preamble',
      content: [
        {
          type: 'pp',
          attrs: { id: 'p1' },
          content: [
            {
              type: 'body',
              content: [
                { type: 'text', text: 'Recalling ' },
                {
                  type: 'text',
                  text: 'previous resolutions',
                  marks: [{ type: 'placeholder', attrs: { label: 'previous resolutions' } }],
                },
                { type: 'text', text: ',' },
              ],
            },
          ],
        },
      ],
    },
    { type: 'operative', content: [] },
  ],
});

const blank = findPlaceholders(doc)[0] ?? { from: 0, to: 0 };

function typed(from: number, to: number, text: string) {
  const state = EditorState.create({ doc });
  const tr = typeIntoPlaceholder(state, from, to, text);
  if (!tr) return null;
  const next = state.apply(tr);
  return { text: next.doc.textContent, blanks: findPlaceholders(next.doc).length, caret: next.selection.head };
}

describe('typing into a placeholder', () => {
  it('replaces the whole blank when typed inside it, leaving ordinary words', () => {
    expect(typed(blank.from + 4, blank.from + 4, 'r')).toEqual({
      text: 'Recalling r,',
      blanks: 0,
      caret: blank.from + 1,
    });
  });

  it('replaces the blank when the selection covers it (Tab then type)', () => {
    expect(typed(blank.from, blank.to, 'resolution 79/1')).toMatchObject({
      text: 'Recalling resolution 79/1,',
      blanks: 0,
    });
  });

  it('leaves typing at either edge of the blank to the editor', () => {
    expect(typed(blank.from, blank.from, 'x')).toBeNull();
    expect(typed(blank.to, blank.to, 'x')).toBeNull();
  });
});

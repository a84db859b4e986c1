import { docFromJSON, type NodeJSON } from '@plenary/schema';
import { EditorState, TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { addOperative } from '../src/editor/insert-clause.js';

function op(id: string, text: string): NodeJSON {
  return { type: 'op', attrs: { id }, content: [{ type: 'body', content: text ? [{ type: 'text', text }] : [] }] };
}

const draft: NodeJSON = {
  type: 'doc',
  content: [
    {
      type: 'preamble',
      content: [
        {
          type: 'pp',
          attrs: { id: 'p1' },
          content: [{ type: 'body', content: [{ type: 'text', text: 'Recalling,' }] }],
        },
      ],
    },
    {
      type: 'operative',
      content: [
        {
          type: 'section',
          attrs: { id: 's1' },
          content: [
            { type: 'heading', content: [{ type: 'text', text: 'Norms' }] },
            op('o1', 'Calls upon;'),
            op('o2', 'Urges;'),
          ],
        },
        {
          type: 'section',
          attrs: { id: 's2' },
          content: [{ type: 'heading', content: [{ type: 'text', text: 'Implementation' }] }, op('o3', 'Decides.')],
        },
      ],
    },
  ],
};

function stateAtEndOf(text: string): EditorState {
  const doc = docFromJSON(draft);
  let at = -1;
  doc.descendants((node, pos) => {
    if (node.isText && node.text === text) at = pos + text.length;
  });
  return EditorState.create({ doc, selection: TextSelection.create(doc, at) });
}

function structure(state: EditorState): string[] {
  const out: string[] = [];
  state.doc.child(1).forEach((child) => {
    if (child.type.name === 'section') {
      const inner: string[] = [];
      child.forEach((c) => {
        inner.push(c.type.name === 'op' ? c.textContent || '(new)' : c.type.name);
      });
      out.push(`section[${inner.join(', ')}]`);
    } else out.push(`${child.type.name}:${child.textContent || '(new)'}`);
  });
  return out;
}

describe('Add OP', () => {
  it('adds the clause inside the section when the cursor is on its last OP', () => {
    let state = stateAtEndOf('Urges;');
    addOperative(state, (tr) => {
      state = state.apply(tr);
    });
    expect(structure(state)).toEqual(['section[heading, Calls upon;, Urges;, (new)]', 'section[heading, Decides.]']);
  });
});

import { docFromJSON, type NodeJSON } from '@plenary/schema';
import { type Command, EditorState, TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { moveClauseDown, moveClauseUp } from '../src/editor/move-clause.js';

function op(text: string): NodeJSON {
  return { type: 'op', attrs: { id: text }, content: [{ type: 'body', content: [{ type: 'text', text }] }] };
}

function section(heading: string, ...items: NodeJSON[]): NodeJSON {
  return { type: 'section', content: [{ type: 'heading', content: [{ type: 'text', text: heading }] }, ...items] };
}

const draft: NodeJSON = {
  type: 'doc',
  content: [
    {
      type: 'preamble',
      content: [
        {
          type: 'pp',
          attrs: { id: 'p' },
          content: [{ type: 'body', content: [{ type: 'text', text: 'Recalling,' }] }],
        },
      ],
    },
    {
      type: 'operative',
      content: [op('Welcomes'), section('Norms', op('Calls'), op('Urges')), section('Implementation', op('Requests'))],
    },
  ],
};

/** The operative part as text: unsectioned OPs by their word, sections as `Heading[ops]`. */
function outline(state: EditorState): string {
  const parts: string[] = [];
  state.doc.child(1).forEach((child) => {
    if (child.type.name !== 'section') parts.push(child.textContent);
    else {
      const ops: string[] = [];
      child.forEach((c) => {
        if (c.type.name === 'op') ops.push(c.textContent);
      });
      parts.push(`${child.firstChild?.textContent}[${ops.join(' ')}]`);
    }
  });
  return parts.join(' ');
}

function run(command: Command, word: string, state = EditorState.create({ doc: docFromJSON(draft) })) {
  let at = -1;
  state.doc.descendants((node, pos) => {
    if (node.isText && node.text === word) at = pos + 2;
  });
  let next = state.apply(state.tr.setSelection(TextSelection.create(state.doc, at)));
  const done = command(next, (tr) => {
    next = next.apply(tr);
  });
  return { done, state: next, cursorIn: next.selection.$head.parent.textContent };
}

describe('moving operative paragraphs', () => {
  it('moves the last OP of a section into the next section, after its heading', () => {
    const { done, state, cursorIn } = run(moveClauseDown, 'Urges');
    expect(done).toBe(true);
    expect(outline(state)).toBe('Welcomes Norms[Calls] Implementation[Urges Requests]');
    expect(cursorIn).toBe('Urges');
  });

  it('moves the first OP of a section to the end of the previous section', () => {
    const { state } = run(moveClauseUp, 'Requests');
    expect(outline(state)).toBe('Welcomes Norms[Calls Urges Requests] Implementation[]');
  });

  it('moves an unsectioned OP into the section after it, and a section’s first OP out before it', () => {
    const down = run(moveClauseDown, 'Welcomes');
    expect(outline(down.state)).toBe('Norms[Welcomes Calls Urges] Implementation[Requests]');
    const up = run(moveClauseUp, 'Welcomes', down.state);
    expect(up.done).toBe(false);
    const calls = run(moveClauseUp, 'Calls');
    expect(outline(calls.state)).toBe('Welcomes Calls Norms[Urges] Implementation[Requests]');
  });

  it('still swaps neighbours within a section', () => {
    expect(outline(run(moveClauseDown, 'Calls').state)).toBe('Welcomes Norms[Urges Calls] Implementation[Requests]');
  });

  it('refuses to move the last OP of the draft further down', () => {
    expect(run(moveClauseDown, 'Requests').done).toBe(false);
  });
});

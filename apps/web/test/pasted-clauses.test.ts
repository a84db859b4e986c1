import { docFromJSON, type NodeJSON } from '@plenary/schema';
import { EditorState, TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { insertPastedClauses } from '../src/editor/paste-plugin.js';
import { pastedClauses, stripNumber, textBlocks } from '../src/editor/pasted-clauses.js';

describe('pastedClauses', () => {
  it('makes numbered paragraphs from Word into clauses by their opening, numbers stripped', () => {
    const blocks = textBlocks(
      [
        'Noting the importance of orbital data,',
        '1.\u00a0\u00a0\u00a0Requests the Secretary-General to report;',
        '',
        '2. Encourages States to share:',
        '(a) Launch notifications;',
        '(b) Orbital parameters;',
        '(i) Apogee and perigee;',
        '3) Decides to remain seized of the matter.',
      ].join('\n'),
    );
    expect(pastedClauses(blocks, 'op')).toEqual([
      { kind: 'pp', text: 'Noting the importance of orbital data,', subs: [] },
      { kind: 'op', text: 'Requests the Secretary-General to report;', subs: [] },
      {
        kind: 'op',
        text: 'Encourages States to share:',
        subs: [
          { text: 'Launch notifications;', points: [] },
          { text: 'Orbital parameters;', points: ['Apogee and perigee;'] },
        ],
      },
      { kind: 'op', text: 'Decides to remain seized of the matter.', subs: [] },
    ]);
  });

  it('gives a paragraph with no recognised opening the kind of the clause pasted into', () => {
    expect(pastedClauses(textBlocks('States should notify;\nThey may share.'), 'pp').map((c) => c.kind)).toEqual([
      'pp',
      'pp',
    ]);
  });

  it('reads "(i)" as a letter at the top level and as a point under a sub-paragraph', () => {
    expect(stripNumber('(i) text', 0).level).toBe(1);
    expect(stripNumber('(i) text', 1).level).toBe(2);
    expect(stripNumber('(iv) text', 0).level).toBe(2);
  });
});

function clause(type: 'pp' | 'op', id: string, text: string): NodeJSON {
  return { type, attrs: { id }, content: [{ type: 'body', content: text ? [{ type: 'text', text }] : [] }] };
}

const draft = docFromJSON({
  type: 'doc',
  content: [
    { type: 'preamble', content: [clause('pp', 'p1', 'Recalling,')] },
    { type: 'operative', content: [clause('op', 'o1', 'Welcomes orbital data;'), clause('op', 'o2', 'Decides.')] },
  ],
});

function texts(state: EditorState): string[] {
  const out: string[] = [];
  state.doc.descendants((node) => {
    if (node.type.name === 'body') out.push(node.textContent);
    return true;
  });
  return out;
}

describe('insertPastedClauses', () => {
  it('puts pasted OPs after the OP at the cursor and PPs at the end of the preamble, as clauses', () => {
    let at = -1;
    draft.descendants((node, pos) => {
      if (node.isText && node.text === 'Welcomes orbital data;') at = pos + node.nodeSize;
    });
    const state = EditorState.create({ doc: draft, selection: TextSelection.create(draft, at) });
    const tr = insertPastedClauses(
      state,
      pastedClauses(textBlocks('Noting the risk,\n1. Requests a report;\n2. Urges restraint;'), 'op'),
    );
    if (!tr) throw new Error('nothing pasted');
    const next = state.apply(tr);
    expect(texts(next)).toEqual([
      'Recalling,',
      'Noting the risk,',
      'Welcomes orbital data;',
      'Requests a report;',
      'Urges restraint;',
      'Decides.',
    ]);
    expect(next.doc.child(0).childCount).toBe(2);
    expect(next.doc.child(1).childCount).toBe(4);
    expect(next.selection.$head.parent.textContent).toBe('Urges restraint;');
  });
});

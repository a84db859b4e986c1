import { docFromJSON, type NodeJSON, readId, schema } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import { type Command, EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { addAlternative, bracketSelection } from '../src/editor/position-commands.js';
import { prepareLocalWrite } from '../src/editor/suggest-mode.js';
import { SuggestionWriter } from '../src/suggestions/suggestion-writer.js';

const draft: NodeJSON = {
  type: 'doc',
  content: [
    { type: 'preamble', content: [] },
    {
      type: 'operative',
      content: [
        {
          type: 'op',
          attrs: { id: 'op1', status: 'under-discussion' },
          content: [{ type: 'body', content: [{ type: 'text', text: 'Calls upon States to notify launches;' }] }],
        },
        {
          type: 'op',
          attrs: { id: 'op2' },
          content: [{ type: 'body', content: [{ type: 'text', text: 'Decides to remain seized.' }] }],
        },
      ],
    },
  ],
};

function stateAt(from: number, to = from): EditorState {
  const doc = docFromJSON(draft);
  return EditorState.create({ doc, selection: TextSelection.create(doc, from, to) });
}

function run(state: EditorState, command: Command): EditorState | null {
  let next: EditorState | null = null;
  const done = command(state, (tr) => {
    next = state.apply(tr);
  });
  return done ? next : null;
}

/** Where `needle` starts in the text of `doc`. */
function posOf(doc: PMNode, needle: string): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found >= 0 || !node.isText) return found < 0;
    const at = node.text?.indexOf(needle) ?? -1;
    if (at >= 0) found = pos + at;
    return false;
  });
  return found;
}

describe('bracketing a selection', () => {
  it('marks exactly the selected words with one fresh bracket id', () => {
    const start = stateAt(0);
    const from = posOf(start.doc, 'to notify');
    const next = run(stateAt(from, from + 'to notify'.length), bracketSelection);
    const bracketed: string[] = [];
    const ids = new Set<string>();
    next?.doc.descendants((node) => {
      const mark = node.marks.find((m) => m.type.name === 'bracket');
      if (node.isText && mark) {
        bracketed.push(node.text ?? '');
        ids.add(readId(mark.attrs.id) ?? '');
      }
      return true;
    });
    expect(bracketed.join('')).toBe('to notify');
    expect([...ids]).toHaveLength(1);
    expect([...ids][0]).toMatch(/^b[0-9a-z]{12}$/);
  });

  it('does nothing without a selection or across clauses', () => {
    const doc = stateAt(0).doc;
    expect(run(stateAt(posOf(doc, 'notify')), bracketSelection)).toBeNull();
    expect(run(stateAt(posOf(doc, 'notify'), posOf(doc, 'seized')), bracketSelection)).toBeNull();
  });
});

describe('alternatives of a clause', () => {
  it('turns a clause into Alt 1 and Alt 2, keeping its id and status, with the cursor in Alt 2', () => {
    const doc = stateAt(0).doc;
    const next = run(stateAt(posOf(doc, 'notify')), addAlternative());
    const op = next?.doc.child(1).child(0);
    expect(op?.attrs).toMatchObject({ id: 'op1', status: 'under-discussion' });
    const group = op?.firstChild;
    expect(group?.type.name).toBe('alternatives');
    expect(group?.childCount).toBe(2);
    expect(group?.child(0).textContent).toBe('Calls upon States to notify launches;');
    expect(group?.child(1).textContent).toBe('Calls upon States to notify launches;');
    const ids = [readId(group?.attrs.id), readId(group?.child(0).attrs.id), readId(group?.child(1).attrs.id)];
    expect(new Set(ids).size).toBe(3);
    expect(next?.selection.$head.node(-1)).toBe(group?.child(1));
  });

  it('adds a "no text" alternative, empty, to a clause that has alternatives', () => {
    const doc = stateAt(0).doc;
    const two = run(stateAt(posOf(doc, 'notify')), addAlternative()) as EditorState;
    const three = run(two, addAlternative({ noText: true }));
    const group = three?.doc.child(1).child(0).firstChild;
    expect(group?.childCount).toBe(3);
    expect(group?.child(2).textContent).toBe('');
    expect(three?.selection.$head.node(-1)).toBe(group?.child(2));
  });
});

describe('bracketing in a formal room', () => {
  it('is sent as a bracket, not refused as formatting nor turned into a suggestion, for a delegate', () => {
    const writer = new SuggestionWriter('Brazil', 'delegate');
    writer.mode = 'formal';
    const doc = stateAt(0).doc;
    const from = posOf(doc, 'to notify');
    const state = stateAt(from, from + 'to notify'.length);
    let tr: Transaction | null = null;
    bracketSelection(state, (t) => {
      tr = t;
    });
    const prepared = prepareLocalWrite(state, tr as unknown as Transaction, writer);
    expect(prepared.kind).toBe('write');
    // Bold is still formatting: refused.
    const bold = state.tr.addMark(from, from + 2, schema.marks.strong.create());
    expect(prepareLocalWrite(state, bold, writer).kind).toBe('refused');
  });
});

import { DRAFT_FRAGMENT, docFromFragment, docFromJSON, type NodeJSON, readId, schema } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import { type Command, EditorState, TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { prosemirrorToYXmlFragment, updateYFragment } from 'y-prosemirror';
import * as Y from 'yjs';
import { addAlternative, bracketSelection } from '../src/editor/position-commands.js';

const draft: NodeJSON = {
  type: 'doc',
  content: [
    { type: 'preamble', content: [] },
    {
      type: 'operative',
      content: ['Calls upon States to notify launches;', 'Encourages transparency;', 'Decides to remain seized.'].map(
        (text, i) => ({
          type: 'op',
          attrs: { id: `op${i + 1}` },
          content: [{ type: 'body', content: [{ type: 'text', text }] }],
        }),
      ),
    },
  ],
};

function seed(): Uint8Array {
  const doc = new Y.Doc();
  prosemirrorToYXmlFragment(docFromJSON(draft), doc.getXmlFragment(DRAFT_FRAGMENT));
  return Y.encodeStateAsUpdate(doc);
}

function peer(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

function textPos(doc: PMNode, needle: string, offset = 0): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found >= 0 || !node.isText) return found < 0;
    const at = node.text?.indexOf(needle) ?? -1;
    if (at >= 0) found = pos + at + offset;
    return false;
  });
  if (found < 0) throw new Error(`no ${needle}`);
  return found;
}

/** The peer runs `command` with the selection `select` picks, as its editor would, and writes it to its Y.Doc. */
function act(
  doc: Y.Doc,
  select: (pm: PMNode) => [number, number],
  command: Command | ((s: EditorState) => EditorState),
) {
  const fragment = doc.getXmlFragment(DRAFT_FRAGMENT);
  const pm = docFromFragment(fragment);
  const [from, to] = select(pm);
  const state = EditorState.create({ schema, doc: pm, selection: TextSelection.create(pm, from, to) });
  let next = state;
  if (command.length <= 1) next = (command as (s: EditorState) => EditorState)(state);
  else if (!(command as Command)(state, (tr) => (next = state.apply(tr)))) throw new Error('the command did not act');
  doc.transact(() => updateYFragment(doc, fragment, next.doc, { mapping: new Map(), isOMark: new Map() }));
}

const typeAt = (text: string) => (state: EditorState) => state.apply(state.tr.insertText(text));

function syncAll(peers: Y.Doc[]): void {
  for (const a of peers)
    for (const b of peers) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

/** Bracket id → bracketed text, in the clause `index` of the operative part. */
function brackets(pm: PMNode, index: number): Record<string, string> {
  const out: Record<string, string> = {};
  pm.child(1)
    .child(index)
    .descendants((node) => {
      if (!node.isText) return true;
      for (const mark of node.marks)
        if (mark.type.name === 'bracket') {
          const id = readId(mark.attrs.id) ?? '';
          out[id] = (out[id] ?? '') + node.text;
        }
      return false;
    });
  return out;
}

describe('brackets and alternatives made concurrently', () => {
  it('converge on every peer, keep overlapping brackets and the text typed around them, and stay in the schema', () => {
    const start = seed();
    const [brazil, kenya, france] = [peer(start), peer(start), peer(start)];
    // Brazil brackets "to notify", Kenya at once "notify launches" (they overlap: nested marks).
    act(brazil, (pm) => [textPos(pm, 'to notify'), textPos(pm, 'to notify', 9)], bracketSelection);
    act(kenya, (pm) => [textPos(pm, 'notify launches'), textPos(pm, 'notify launches', 15)], bracketSelection);
    // France types before and after the bracketed words, and proposes alternatives for OP 2.
    act(france, (pm) => [textPos(pm, 'States'), textPos(pm, 'States')], typeAt('all '));
    act(france, (pm) => [textPos(pm, 'Calls', 5), textPos(pm, 'Calls', 5)], typeAt(' urgently'));
    act(france, (pm) => [textPos(pm, 'transparency'), textPos(pm, 'transparency')], addAlternative());
    // Kenya edits OP 3 meanwhile.
    act(kenya, (pm) => [textPos(pm, 'seized', 6), textPos(pm, 'seized', 6)], typeAt(' of the matter'));
    syncAll([brazil, kenya, france]);

    const docs = [brazil, kenya, france].map((doc) => docFromFragment(doc.getXmlFragment(DRAFT_FRAGMENT)));
    for (const doc of docs) {
      doc.check();
      expect(doc.toJSON()).toEqual(docs[0]?.toJSON());
    }
    const [result] = docs as [PMNode];
    expect(result.child(1).child(0).textContent).toBe('Calls urgently upon all States to notify launches;');
    expect(Object.values(brackets(result, 0)).sort()).toEqual(['notify launches', 'to notify']);
    const op2 = result.child(1).child(1).firstChild;
    expect(op2?.type.name).toBe('alternatives');
    expect(op2?.childCount).toBe(2);
    expect(result.child(1).child(2).textContent).toBe('Decides to remain seized of the matter.');
  });
});

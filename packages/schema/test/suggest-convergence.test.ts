import { DRAFT_FRAGMENT, docFromFragment, docFromJSON, schema, suggestTransaction } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import { EditorState, TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { prosemirrorToYXmlFragment, updateYFragment } from 'y-prosemirror';
import * as Y from 'yjs';
import { clause, draftJSON } from './fixtures.js';

/** One delegation's editor: a Y.Doc and the suggestion ids it minted. */
interface Peer {
  readonly name: string;
  readonly doc: Y.Doc;
  readonly minted: string[];
}

function peer(name: string, seed: Uint8Array | null): Peer {
  const doc = new Y.Doc();
  if (seed) Y.applyUpdate(doc, seed);
  return { name, doc, minted: [] };
}

function syncAll(peers: Peer[]): void {
  for (const a of peers)
    for (const b of peers) if (a !== b) Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)));
}

function textPos(doc: PMNode, needle: string): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found >= 0) return false;
    if (!node.isText) return true;
    const at = node.text?.indexOf(needle) ?? -1;
    if (at >= 0) found = pos + at;
    return false;
  });
  if (found < 0) throw new Error(`no ${needle}`);
  return found;
}

/** `peer` puts its caret at `caret` (a text position found by `needle`) and edits in suggest mode. */
function suggest(p: Peer, edit: (state: EditorState) => EditorState['tr']): void {
  const fragment = p.doc.getXmlFragment(DRAFT_FRAGMENT);
  const doc = docFromFragment(fragment);
  const state = EditorState.create({ schema, doc, selection: TextSelection.create(doc, 1) });
  const outcome = suggestTransaction(state, edit(state), {
    isOwn: (id) => p.minted.includes(id),
    newId: () => {
      const id = `${p.name}${p.minted.length + 1}`;
      p.minted.push(id);
      return id;
    },
  });
  if (outcome.kind !== 'suggested') throw new Error(outcome.reason);
  const next = state.apply(outcome.tr);
  p.doc.transact(() => updateYFragment(p.doc, fragment, next.doc, { mapping: new Map(), isOMark: new Map() }));
}

/** The clause text as runs: `text` plain, `+id:text` inserted, `-id:text` proposed deleted. */
function runs(p: Peer): string[] {
  const out: string[] = [];
  docFromFragment(p.doc.getXmlFragment(DRAFT_FRAGMENT)).descendants((node) => {
    if (!node.isText) return true;
    const ins = node.marks.find((m) => m.type.name === 'insertion')?.attrs.id as string | undefined;
    const del = node.marks.find((m) => m.type.name === 'deletion')?.attrs.id as string | undefined;
    out.push(`${ins ? `+${ins}:` : ''}${del ? `-${del}:` : ''}${node.text}`);
    return false;
  });
  return out;
}

function seeded(): Uint8Array {
  const doc = new Y.Doc();
  prosemirrorToYXmlFragment(
    docFromJSON(draftJSON([], [clause('op', 'o1', 'Calls upon States to notify launches;')])),
    doc.getXmlFragment(DRAFT_FRAGMENT),
  );
  return Y.encodeStateAsUpdate(doc);
}

describe('suggestions made concurrently', () => {
  it('converge with two peers suggesting in one clause, each text under its own delegation’s mark', () => {
    const seed = seeded();
    const fr = peer('fr', seed);
    const br = peer('br', seed);
    suggest(fr, (s) => s.tr.insertText('all ', textPos(s.doc, 'States')));
    suggest(br, (s) => {
      const at = textPos(s.doc, 'launches');
      return s.tr.delete(at, at + 'launches'.length);
    });
    suggest(br, (s) => s.tr.insertText(' in advance', textPos(s.doc, ';')));
    syncAll([fr, br]);
    expect(runs(fr)).toEqual(runs(br));
    expect(runs(fr)).toEqual([
      'Calls upon ',
      '+fr1:all ',
      'States to notify ',
      '-br1:launches',
      '+br2: in advance',
      ';',
    ]);
  });

  it('converge with three peers typing at the same spot, each run kept whole under its own id', () => {
    const seed = seeded();
    const peers = [peer('fr', seed), peer('br', seed), peer('cn', seed)];
    for (const p of peers) suggest(p, (s) => s.tr.insertText(` ${p.name.toUpperCase()}`, textPos(s.doc, ' to')));
    // A second round after syncing: each extends its own suggestion.
    syncAll(peers);
    for (const p of peers) {
      suggest(p, (s) => {
        let end = -1;
        s.doc.descendants((node, pos) => {
          if (node.isText && node.marks.some((m) => m.attrs.id === `${p.name}1`)) end = pos + node.nodeSize;
          return true;
        });
        return s.tr.insertText('!', end);
      });
    }
    syncAll(peers);
    const [first, ...rest] = peers.map(runs);
    for (const other of rest) expect(other).toEqual(first);
    const inserted = (first ?? []).filter((run) => run.startsWith('+')).sort();
    expect(inserted).toEqual(['+br1: BR!', '+cn1: CN!', '+fr1: FR!']);
  });

  it('keep an insertion made inside another delegation’s concurrent deletion under its own author, falling with that deletion', () => {
    const seed = seeded();
    const fr = peer('fr', seed);
    const br = peer('br', seed);
    suggest(fr, (s) => {
      const at = textPos(s.doc, 'to notify');
      return s.tr.delete(at, at + 'to notify'.length);
    });
    suggest(br, (s) => s.tr.insertText('promptly ', textPos(s.doc, 'notify')));
    syncAll([fr, br]);
    expect(runs(fr)).toEqual(runs(br));
    // Yjs formats a range with whatever lands in it concurrently: Brazil's words stay Brazil's
    // insertion and are also inside France's proposed deletion (accepting it removes them).
    expect(runs(fr)).toEqual(['Calls upon States ', '-fr1:to ', '+br1:-fr1:promptly ', '-fr1:notify', ' launches;']);
  });

  it('attribute a character typed next to its twin to the typist, not the twin (a space before a space)', () => {
    const seed = seeded();
    const fr = peer('fr', seed);
    const br = peer('br', seed);
    // France types a space right after "States", before the existing space; Brazil meanwhile
    // proposes deleting that existing space.
    suggest(fr, (s) => s.tr.insertText(' ', textPos(s.doc, ' to')));
    suggest(br, (s) => {
      const at = textPos(s.doc, ' to');
      return s.tr.delete(at, at + 1);
    });
    syncAll([fr, br]);
    expect(runs(fr)).toEqual(runs(br));
    // The old space is Brazil's proposed deletion and nobody's insertion; France's space is its
    // own insertion (inside Brazil's deletion or not, as Yjs orders the two concurrent marks).
    const result = runs(fr);
    expect(result).toContain('-br1: ');
    expect(result.filter((run) => run.startsWith('+fr1:'))).toHaveLength(1);
    expect(result.find((run) => run.startsWith('+fr1:'))?.endsWith(':  ')).toBe(false);
    expect(result.join('').replace(/[+-]\w+:/g, '')).toBe('Calls upon States  to notify launches;');
  });
});

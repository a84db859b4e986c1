import {
  applyIdRepairs,
  DRAFT_FRAGMENT,
  docFromFragment,
  docFromJSON,
  findIdRepairs,
  listClauses,
  mappingOrderKey,
  repairFragmentIds,
  schema,
  yItemKey,
} from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { describe, expect, it } from 'vitest';
import { initProseMirrorDoc, prosemirrorToYXmlFragment } from 'y-prosemirror';
import * as Y from 'yjs';
import { clause, draftJSON } from './fixtures.js';

const OPS = ['o1', 'o2', 'o3', 'o4'];

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

/** A draft whose operative paragraphs come in `order`. */
function draftIn(order: string[]): PMNode {
  return docFromJSON(
    draftJSON(
      [],
      order.map((id) => clause('op', id, `Text of ${id};`)),
    ),
  );
}

function seed(ydoc: Y.Doc, order: string[]): void {
  prosemirrorToYXmlFragment(draftIn(order), ydoc.getXmlFragment(DRAFT_FRAGMENT));
}

/** Yjs has no move: the clause is deleted and a copy inserted, as a cut and paste does. */
function move(ydoc: Y.Doc, from: number, to: number): void {
  const operative = ydoc.getXmlFragment(DRAFT_FRAGMENT).get(1) as Y.XmlElement;
  ydoc.transact(() => {
    const el = operative.get(from) as Y.XmlElement;
    const copy = el.clone();
    operative.delete(from, 1);
    operative.insert(to, [copy]);
  });
}

const opIds = (doc: PMNode) => listClauses(doc).map((c) => c.id);

describe('two peers moving the same clause', () => {
  it('repairs the duplicate id to the same result on both peers', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.clientID = 101;
    b.clientID = 202;
    seed(a, OPS);
    sync(a, b);

    // Both move o1 concurrently, to different places: delete + insert in Yjs terms.
    move(a, 0, 2);
    move(b, 0, 3);
    sync(a, b);
    const merged = docFromFragment(a.getXmlFragment(DRAFT_FRAGMENT));
    expect(opIds(merged).filter((id) => id === 'o1')).toHaveLength(2);

    // The editor-side decision (from y-prosemirror's mapping) is the same on both peers.
    const decide = (ydoc: Y.Doc) => {
      const { doc, mapping } = initProseMirrorDoc(ydoc.getXmlFragment(DRAFT_FRAGMENT), schema);
      return applyIdRepairs(new Transform(doc), findIdRepairs(doc, { orderKey: mappingOrderKey(mapping) })).doc;
    };
    const fromA = decide(a);
    const fromB = decide(b);
    expect(fromA.eq(fromB)).toBe(true);

    // Each peer repairs locally, without seeing the other's repair, then they sync.
    expect(repairFragmentIds(a.getXmlFragment(DRAFT_FRAGMENT), 'repair')).toBe(1);
    expect(repairFragmentIds(b.getXmlFragment(DRAFT_FRAGMENT), 'repair')).toBe(1);
    sync(a, b);
    const finalA = docFromFragment(a.getXmlFragment(DRAFT_FRAGMENT));
    const finalB = docFromFragment(b.getXmlFragment(DRAFT_FRAGMENT));
    expect(finalA.eq(finalB)).toBe(true);
    expect(finalA.eq(fromA)).toBe(true);
    const ids = opIds(finalA);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id === 'o1')).toHaveLength(1);

    // The copy whose Yjs item sorts first (client 101 < 202) kept the id.
    const elements = a.getXmlFragment(DRAFT_FRAGMENT).get(1) as Y.XmlElement;
    const keeper = elements.toArray().find((el) => el instanceof Y.XmlElement && el.getAttribute('id') === 'o1');
    expect(keeper && yItemKey(keeper as Y.XmlElement)?.startsWith('0000000000000101')).toBe(true);
    expect(repairFragmentIds(a.getXmlFragment(DRAFT_FRAGMENT))).toBe(0);
  });
});

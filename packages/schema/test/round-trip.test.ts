import { DRAFT_FRAGMENT, docFromFragment, docFromJSON, listClauses, readFragmentJSON, schema } from '@plenary/schema';
import { describe, expect, it } from 'vitest';
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import * as Y from 'yjs';
import { RICH_DRAFT } from './fixtures.js';

function throughYjs(json: typeof RICH_DRAFT) {
  const ydoc = new Y.Doc();
  const fragment = ydoc.getXmlFragment(DRAFT_FRAGMENT);
  prosemirrorToYXmlFragment(schema.nodeFromJSON(json), fragment);
  // Through an encoded update too, as the server and other peers receive it.
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(ydoc));
  return copy.getXmlFragment(DRAFT_FRAGMENT);
}

describe('round trips', () => {
  it('keeps every node, attribute and mark from JSON to node and back', () => {
    const node = schema.nodeFromJSON(RICH_DRAFT);
    node.check();
    expect(node.toJSON()).toEqual(RICH_DRAFT);
    expect(docFromJSON(RICH_DRAFT).toJSON()).toEqual(RICH_DRAFT);
  });

  it('keeps ids, status and marks through a Y.XmlFragment with the schema-free reader', () => {
    const fragment = throughYjs(RICH_DRAFT);
    const doc = docFromFragment(fragment);
    expect(doc.eq(schema.nodeFromJSON(RICH_DRAFT))).toBe(true);
    expect(listClauses(doc).map((c) => [c.id, c.status, c.tags.join(' ')])).toEqual([
      ['pp1', 'agreed', 'avoid-surprise no-debris'],
      ['op1', 'agreed-ad-ref', 'be-predictable'],
      ['op1a', 'proposed', ''],
      ['op1ai', 'proposed', ''],
      ['op2', 'under-discussion', ''],
    ]);
  });

  it('agrees with y-prosemirror on what the fragment holds', () => {
    const fragment = throughYjs(RICH_DRAFT);
    const theirs = yXmlFragmentToProseMirrorRootNode(fragment, schema);
    expect(docFromFragment(fragment).eq(theirs)).toBe(true);
  });

  it('reads without writing to the Y.Doc', () => {
    const fragment = throughYjs(RICH_DRAFT);
    const ydoc = fragment.doc as Y.Doc;
    const before = Y.encodeStateVector(ydoc);
    let updates = 0;
    ydoc.on('update', () => {
      updates++;
    });
    readFragmentJSON(fragment);
    docFromFragment(fragment);
    expect(updates).toBe(0);
    expect(Y.encodeStateVector(ydoc)).toEqual(before);
  });
});

import {
  changedRange,
  changedWithinOneTextblock,
  docFromJSON,
  draftOutline,
  type PositionInputs,
  positionsView,
  reusePositionsView,
  schema,
} from '@plenary/schema';
import { Node as PMNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { describe, expect, it } from 'vitest';
import { clause, posOf, RICH_DRAFT } from './fixtures.js';

const RECORDS: PositionInputs = {
  proposals: [
    { id: 'b1', proposedBy: 'Brazil' },
    { id: 'alt2', proposedBy: 'France' },
  ],
  stances: [{ target: 'b1', delegation: 'Kenya', stance: 'support', at: 1 }],
  statuses: [{ clauseId: 'op1', statusBy: 'Chair', statusAt: 2 }],
  frozen: null,
};

/** The same document built again from JSON: no node shared, so nothing cached applies. */
function fresh(doc: PMNode): PMNode {
  return PMNode.fromJSON(schema, doc.toJSON());
}

/** The clause node with `id` and its position. */
function clauseAt(doc: PMNode, id: string): { node: PMNode; pos: number } {
  let found: { node: PMNode; pos: number } | null = null;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (node.attrs.id === id) found = { node, pos };
    return true;
  });
  if (!found) throw new Error(`no clause ${id}`);
  return found;
}

/** `text` typed at `pos`, without marks. */
function typeAt(doc: PMNode, pos: number, text: string): PMNode {
  return new Transform(doc).insert(pos, schema.text(text)).doc;
}

type Edit = (doc: PMNode) => PMNode;

const EDITS: readonly (readonly [string, Edit])[] = [
  ['types inside a bracket', (doc) => typeAt(doc, posOf(doc, 'days') + 2, 'x')],
  ['types at the start of a clause', (doc) => typeAt(doc, posOf(doc, 'Recognizing'), 'Also ')],
  [
    'brackets more text',
    (doc) => {
      const from = posOf(doc, 'promptly');
      return new Transform(doc).addMark(from, from + 8, schema.marks.bracket.create({ id: 'b3' })).doc;
    },
  ],
  [
    'removes a bracket',
    (doc) => {
      const from = posOf(doc, 'within');
      return new Transform(doc).removeMark(from, from + 6, schema.marks.bracket.create({ id: 'b2' })).doc;
    },
  ],
  [
    'adds a suggested insertion',
    (doc) =>
      new Transform(doc).insert(
        posOf(doc, 'first;'),
        schema.text('new ', [schema.marks.insertion.create({ id: 's9' })]),
      ).doc,
  ],
  [
    'accepts a suggested insertion',
    (doc) => {
      const from = posOf(doc, ' via ');
      return new Transform(doc).removeMark(from, from + 5, schema.marks.insertion).doc;
    },
  ],
  [
    'rejects a suggested deletion',
    (doc) => {
      const from = posOf(doc, ' registry') - 3;
      return new Transform(doc).removeMark(from, from + 3, schema.marks.deletion).doc;
    },
  ],
  ['types in an alternative', (doc) => typeAt(doc, posOf(doc, 'Decides') + 14, ' now')],
  [
    'inserts a clause',
    (doc) => {
      const { node, pos } = clauseAt(doc, 'op1');
      return new Transform(doc).insert(
        pos + node.nodeSize,
        PMNode.fromJSON(schema, clause('op', 'op9', 'Urges [all];')),
      ).doc;
    },
  ],
  [
    'moves a clause',
    (doc) => {
      const moved = clauseAt(doc, 'op1');
      const tr = new Transform(doc).delete(moved.pos, moved.pos + moved.node.nodeSize);
      const after = clauseAt(tr.doc, 'op2');
      return tr.insert(after.pos + after.node.nodeSize, moved.node).doc;
    },
  ],
  [
    'deletes a clause',
    (doc) => {
      const { node, pos } = clauseAt(doc, 'pp1');
      return new Transform(doc).delete(pos, pos + node.nodeSize).doc;
    },
  ],
  [
    'changes a clause status',
    (doc) => new Transform(doc).setNodeAttribute(clauseAt(doc, 'op2').pos, 'status', 'agreed').doc,
  ],
];

describe('views derived once per clause node', () => {
  it('give after each edit what a fresh computation gives', () => {
    let doc = docFromJSON(RICH_DRAFT);
    // Computed first, so that every later document shares its unchanged clauses with a cached one.
    positionsView(doc, RECORDS);
    draftOutline(doc);
    for (const [name, edit] of EDITS) {
      const next = edit(doc);
      expect(next.eq(doc), name).toBe(false);
      const copy = fresh(next);
      expect(positionsView(next, RECORDS), name).toEqual(positionsView(copy, RECORDS));
      expect(draftOutline(next), name).toEqual(draftOutline(copy));
      doc = next;
    }
  });

  it('see a bracket added inside a clause whose other text is unchanged', () => {
    const doc = docFromJSON(RICH_DRAFT);
    expect(positionsView(doc, RECORDS).brackets.map((b) => b.id)).toEqual(['b1', 'b2']);
    const from = posOf(doc, 'promptly');
    const next = new Transform(doc).addMark(from, from + 8, schema.marks.bracket.create({ id: 'b3' })).doc;
    expect(positionsView(next, RECORDS).brackets.map((b) => [b.id, b.clauseId, b.text])).toEqual([
      ['b1', 'op1', 'within days'],
      ['b2', 'op1', 'within'],
      ['b3', 'op1', 'promptly'],
    ]);
  });

  it('keep the previous positions view when nothing it shows changed', () => {
    const doc = docFromJSON(RICH_DRAFT);
    const before = positionsView(doc, RECORDS);
    const typed = typeAt(doc, posOf(doc, 'Recognizing'), 'x');
    expect(reusePositionsView(before, positionsView(typed, RECORDS))).toBe(before);
    const from = posOf(doc, 'within');
    const unbracketed = new Transform(doc).removeMark(from, from + 6, schema.marks.bracket.create({ id: 'b2' })).doc;
    const after = reusePositionsView(before, positionsView(unbracketed, RECORDS));
    expect(after).not.toBe(before);
    expect(after.brackets.map((b) => b.id)).toEqual(['b1']);
  });
});

describe('changed range', () => {
  it('tells typing inside one textblock from a change of clauses', () => {
    const doc = docFromJSON(RICH_DRAFT);
    const typed = typeAt(doc, posOf(doc, 'days'), 'x');
    expect(changedWithinOneTextblock(doc, typed)).toBe(true);
    expect(changedRange(doc, typed)).toEqual(changedRange(fresh(doc), fresh(typed)));
    const { node, pos } = clauseAt(doc, 'pp1');
    const removed = new Transform(doc).delete(pos, pos + node.nodeSize).doc;
    expect(changedWithinOneTextblock(doc, removed)).toBe(false);
    const retagged = new Transform(doc).setNodeAttribute(clauseAt(doc, 'op1').pos, 'status', 'agreed').doc;
    expect(changedWithinOneTextblock(doc, retagged)).toBe(false);
    expect(changedWithinOneTextblock(doc, doc)).toBe(false);
    expect(changedRange(doc, doc)).toBeNull();
  });
});

import { docFromJSON, LOCK_REFUSALS, lockRefusal, schema } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import { EditorState, type Transaction } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { clause, draftJSON, posOf } from './fixtures.js';

/** OP 1 agreed (with a sub-paragraph), OP 2 under discussion, OP 3 proposed. */
function lockedDraft(): PMNode {
  return docFromJSON(
    draftJSON(
      [clause('pp', 'pp1', 'Recalling the Outer Space Treaty,')],
      [
        clause('op', 'op1', 'Calls upon States to notify launches;', [clause('subparagraph', 'op1a', 'in advance;')], {
          status: 'agreed',
        }),
        clause('op', 'op2', 'Encourages transparency;', [], { status: 'under-discussion' }),
        clause('op', 'op3', 'Decides to remain seized.'),
      ],
    ),
  );
}

function stateOf(doc: PMNode): EditorState {
  return EditorState.create({ schema, doc });
}

/** The position of clause `id` in `doc`, and its node. */
function clausePos(doc: PMNode, id: string): { pos: number; node: PMNode } {
  let found: { pos: number; node: PMNode } | null = null;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (node.attrs.id === id) found = { pos, node };
    return true;
  });
  if (!found) throw new Error(`no clause ${id}`);
  return found;
}

function refusalOf(build: (tr: Transaction, doc: PMNode) => void): string | null {
  const state = stateOf(lockedDraft());
  const tr = state.tr;
  build(tr, state.doc);
  return lockRefusal(tr);
}

describe('the clause locks a delegate’s editor applies before sending', () => {
  it('refuses typing, deleting and formatting inside an agreed clause and its sub-paragraphs', () => {
    expect(refusalOf((tr, doc) => tr.insertText('all ', posOf(doc, 'States')))).toBe(LOCK_REFUSALS.locked);
    expect(refusalOf((tr, doc) => tr.delete(posOf(doc, 'in advance'), posOf(doc, 'in advance') + 3))).toBe(
      LOCK_REFUSALS.locked,
    );
    expect(
      refusalOf((tr, doc) => tr.addMark(posOf(doc, 'notify'), posOf(doc, 'notify') + 6, schema.marks.strong.create())),
    ).toBe(LOCK_REFUSALS.locked);
  });

  it('lets text change in clauses that are not agreed', () => {
    expect(refusalOf((tr, doc) => tr.insertText('full ', posOf(doc, 'transparency')))).toBeNull();
    expect(refusalOf((tr, doc) => tr.delete(posOf(doc, 'seized'), posOf(doc, 'seized') + 6))).toBeNull();
  });

  it('refuses removing or moving an agreed clause, and lets an open clause move past it', () => {
    expect(
      refusalOf((tr, doc) => {
        const { pos, node } = clausePos(doc, 'op1');
        tr.delete(pos, pos + node.nodeSize);
      }),
    ).toBe(LOCK_REFUSALS.locked);
    expect(
      refusalOf((tr, doc) => {
        const op1 = clausePos(doc, 'op1');
        const op2 = clausePos(doc, 'op2');
        // OP 2 up above OP 1: deleted, then inserted before the agreed clause, status kept.
        tr.delete(op2.pos, op2.pos + op2.node.nodeSize).insert(op1.pos, op2.node);
      }),
    ).toBeNull();
  });

  it('refuses any status change, and a status brought in with a clause that was not moved', () => {
    expect(refusalOf((tr, doc) => tr.setNodeAttribute(clausePos(doc, 'op3').pos, 'status', 'under-discussion'))).toBe(
      LOCK_REFUSALS.status,
    );
    expect(
      refusalOf((tr, doc) => {
        const op3 = clausePos(doc, 'op3');
        const forged = schema.nodes.op.create({ ...op3.node.attrs, id: 'op9', status: 'agreed' }, op3.node.content);
        tr.insert(op3.pos + op3.node.nodeSize, forged);
      }),
    ).toBe(LOCK_REFUSALS.status);
  });
});

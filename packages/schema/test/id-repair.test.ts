import { clauseIdPlugin, decideIdRepairs, docFromJSON, findIdRepairs, listClauses, schema } from '@plenary/schema';
import { Slice } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { ySyncPluginKey } from 'y-prosemirror';
import { clause, draftJSON } from './fixtures.js';

function start(): EditorState {
  const doc = docFromJSON(
    draftJSON(
      [clause('pp', 'p1', 'Recalling,')],
      [clause('op', 'o1', 'Decides to act;'), clause('op', 'o2', 'Requests reports;'), clause('op', 'o3', 'Urges.')],
    ),
  );
  return EditorState.create({ schema, doc, plugins: [clauseIdPlugin()] });
}

const ids = (state: EditorState) => listClauses(state.doc).map((c) => c.id);

/** Position inside the body text of the n-th clause, `offset` characters in. */
function textPos(state: EditorState, index: number, offset: number): number {
  const clause = listClauses(state.doc)[index];
  if (!clause) throw new Error(`no clause ${index}`);
  return clause.pos + 2 + offset;
}

describe('clause id stability and repair', () => {
  it('keeps the original id and gives the split-off clause a new one', () => {
    const state = start();
    const tr = state.tr.split(textPos(state, 1, 7), 2);
    const next = state.apply(tr);
    const after = ids(next);
    expect(after.slice(0, 2)).toEqual(['p1', 'o1']);
    expect(after[2]).not.toBe('o1');
    expect(after[2]).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(after.slice(3)).toEqual(['o2', 'o3']);
  });

  it('keeps the first clause id through a join', () => {
    const state = start();
    const o2 = listClauses(state.doc)[2];
    if (!o2) throw new Error('missing clause');
    const tr = state.tr.join(o2.pos, 2);
    const next = state.apply(tr);
    expect(ids(next)).toEqual(['p1', 'o1', 'o3']);
    expect(listClauses(next.doc)[1]?.node.textContent).toBe('Decides to act;Requests reports;');
  });

  it('gives a pasted copy a new id and leaves the source alone', () => {
    const state = start();
    const o1 = listClauses(state.doc)[1];
    if (!o1) throw new Error('missing clause');
    const slice = new Slice(state.doc.slice(o1.pos, o1.pos + o1.node.nodeSize).content, 0, 0);
    const end = listClauses(state.doc)[3];
    if (!end) throw new Error('missing clause');
    const next = state.apply(state.tr.replace(end.pos + end.node.nodeSize, end.pos + end.node.nodeSize, slice));
    const after = ids(next);
    expect(after.slice(0, 4)).toEqual(['p1', 'o1', 'o2', 'o3']);
    expect(after[4]).not.toBe('o1');
    expect(new Set(after).size).toBe(after.length);
  });

  it('keeps the id of a moved clause', () => {
    const state = start();
    const o1 = listClauses(state.doc)[1];
    const o3 = listClauses(state.doc)[3];
    if (!o1 || !o3) throw new Error('missing clause');
    const moved = o1.node;
    const tr = state.tr.insert(o3.pos + o3.node.nodeSize, moved).delete(o1.pos, o1.pos + o1.node.nodeSize);
    expect(ids(state.apply(tr))).toEqual(['p1', 'o2', 'o3', 'o1']);
  });

  it('fills in missing and malformed ids in local transactions', () => {
    const state = start();
    const o2 = listClauses(state.doc)[2];
    if (!o2) throw new Error('missing clause');
    const next = state.apply(state.tr.setNodeAttribute(o2.pos, 'id', '<script>'));
    expect(ids(next)[2]).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('never rewrites transactions from the y-prosemirror change origin', () => {
    const state = start();
    const o1 = listClauses(state.doc)[1];
    if (!o1) throw new Error('missing clause');
    const tr = state.tr.insert(o1.pos, o1.node).setMeta(ySyncPluginKey, { isChangeOrigin: true });
    expect(ids(state.apply(tr))).toEqual(['p1', 'o1', 'o1', 'o2', 'o3']);
  });

  it('lets the smallest order key keep a duplicated id', () => {
    const repairs = decideIdRepairs([
      { id: 'x', key: '2:1', ref: 'first' },
      { id: 'x', key: '1:9', ref: 'second' },
      { id: 'x', key: undefined, ref: 'third' },
    ]);
    expect(repairs.map((r) => r.ref)).toEqual(['first', 'third']);
  });

  it('lets the first occurrence keep the id without order keys', () => {
    const doc = docFromJSON(draftJSON([], [clause('op', 'x', 'a;'), clause('op', 'x', 'b.')]));
    const repairs = findIdRepairs(doc);
    expect(repairs).toHaveLength(1);
    expect(repairs[0]?.ref).toBe(listClauses(doc)[1]?.pos);
  });
});

import {
  docFromJSON,
  FORMAT_REFUSAL,
  formalRefusal,
  STRUCTURE_REFUSAL,
  type SuggestAuthor,
  schema,
  suggestTransaction,
} from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import { EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { clause, draftJSON, posOf } from './fixtures.js';

/** An author owning the ids it mints (`mine1`, `mine2` …) and those listed. */
function author(own: string[] = []): SuggestAuthor & { minted: string[] } {
  const minted: string[] = [];
  return {
    minted,
    isOwn: (id) => own.includes(id) || minted.includes(id),
    newId: () => {
      const id = `mine${minted.length + 1}`;
      minted.push(id);
      return id;
    },
  };
}

function stateOf(doc: PMNode, caret: number): EditorState {
  return EditorState.create({ schema, doc, selection: TextSelection.create(doc, caret) });
}

/** The first OP's text as `text` runs with their suggestion marks, e.g. `+[mine1]new`, `-[x]old`. */
function runs(doc: PMNode): string[] {
  const out: string[] = [];
  doc.descendants((node) => {
    if (!node.isText) return true;
    const ins = node.marks.find((m) => m.type.name === 'insertion');
    const del = node.marks.find((m) => m.type.name === 'deletion');
    let tag = '';
    if (ins) tag += `+[${ins.attrs.id}]`;
    if (del) tag += `-[${del.attrs.id}]`;
    out.push(`${tag}${node.text}`);
    return false;
  });
  return out;
}

function apply(state: EditorState, make: (state: EditorState) => Transaction, who: SuggestAuthor): EditorState {
  const outcome = suggestTransaction(state, make(state), who);
  if (outcome.kind !== 'suggested') throw new Error(outcome.reason);
  return state.apply(outcome.tr);
}

const ins = (id: string) => [{ type: 'insertion', attrs: { id } }];
const del = (id: string) => [{ type: 'deletion', attrs: { id } }];

function draft(...content: { text: string; marks?: { type: string; attrs: { id: string } }[] }[]): PMNode {
  const json = draftJSON([], [clause('op', 'o1', 'x')]);
  const op = json.content?.[1]?.content?.[0];
  const body = op?.content?.[0];
  if (!body) throw new Error('fixture');
  (body as { content: unknown }).content = content.map((c) => ({ type: 'text', ...c }));
  return docFromJSON(json);
}

describe('suggest mode', () => {
  it('turns typed characters into one insertion of the writer that grows as typing goes on', () => {
    const doc = draft({ text: 'Calls upon States;' });
    const me = author();
    let state = stateOf(doc, posOf(doc, ';'));
    for (const ch of ' all') state = apply(state, (s) => s.tr.insertText(ch), me);
    expect(runs(state.doc)).toEqual(['Calls upon States', '+[mine1] all', ';']);
    expect(state.selection.head).toBe(posOf(state.doc, ';'));
    expect(me.minted).toEqual(['mine1']);
  });

  it('marks deleted text as a proposed deletion instead of removing it, Backspace going on leftwards', () => {
    const doc = draft({ text: 'Calls upon every State;' });
    const me = author();
    let state = stateOf(doc, posOf(doc, ' State'));
    for (let i = 0; i < ' every'.length; i++) {
      state = apply(state, (s) => s.tr.delete(s.selection.head - 1, s.selection.head), me);
    }
    expect(runs(state.doc)).toEqual(['Calls upon', '-[mine1] every', ' State;']);
    expect(state.selection.head).toBe(posOf(state.doc, ' every'));
  });

  it('leaves the caret after the struck text on forward Delete', () => {
    const doc = draft({ text: 'Calls upon every State;' });
    const me = author();
    let state = stateOf(doc, posOf(doc, 'every'));
    for (let i = 0; i < 'every '.length; i++) {
      state = apply(state, (s) => s.tr.delete(s.selection.head, s.selection.head + 1), me);
    }
    expect(runs(state.doc)).toEqual(['Calls upon ', '-[mine1]every ', 'State;']);
    expect(state.selection.head).toBe(posOf(state.doc, 'State;'));
  });

  it('replaces a selection with a deletion followed by an insertion', () => {
    const doc = draft({ text: 'Calls upon every State;' });
    const me = author();
    const from = posOf(doc, 'every');
    const state = EditorState.create({ schema, doc, selection: TextSelection.create(doc, from, from + 5) });
    const next = apply(state, (s) => s.tr.insertText('the'), me);
    expect(runs(next.doc)).toEqual(['Calls upon ', '-[mine1]every', '+[mine2]the', ' State;']);
    expect(next.selection.head).toBe(posOf(next.doc, ' State'));
  });

  it('removes outright text deleted from the writer’s own suggested insertion', () => {
    const doc = draft({ text: 'Calls upon ' }, { text: 'all ', marks: ins('mine') }, { text: 'State;' });
    const me = author(['mine']);
    const at = posOf(doc, 'State;');
    let state = stateOf(doc, at);
    state = apply(state, (s) => s.tr.delete(at - 4, at), me);
    expect(runs(state.doc)).toEqual(['Calls upon State;']);
    expect(me.minted).toEqual([]);
  });

  it('starts a suggestion of its own inside another delegation’s insertion, and strikes theirs rather than removing it', () => {
    const doc = draft({ text: 'Calls upon ' }, { text: 'all the ', marks: ins('theirs') }, { text: 'State;' });
    const me = author();
    let state = stateOf(doc, posOf(doc, 'the '));
    state = apply(state, (s) => s.tr.insertText('of '), me);
    expect(runs(state.doc)).toEqual(['Calls upon ', '+[theirs]all ', '+[mine1]of ', '+[theirs]the ', 'State;']);
    const the = posOf(state.doc, 'the ');
    state = apply(state, (s) => s.tr.delete(the, the + 4), me);
    expect(runs(state.doc)).toContain('+[theirs]-[mine2]the ');
  });

  it('extends its own deletion when deleting next to it, and steps over text already struck', () => {
    const doc = draft({ text: 'Calls upon ' }, { text: 'all ', marks: del('theirs') }, { text: 'State;' });
    const me = author();
    let state = stateOf(doc, posOf(doc, 'State;'));
    state = apply(state, (s) => s.tr.delete(s.selection.head - 1, s.selection.head), me);
    expect(runs(state.doc)).toEqual(['Calls upon ', '-[theirs]all ', 'State;']);
    state = apply(state, (s) => s.tr.delete(s.selection.head - 1, s.selection.head), me);
    expect(runs(state.doc)).toEqual(['Calls upon ', '-[theirs]all ', 'State;']);
  });

  it('proposes the deletion of text spanning two clauses under one id, leaving both clauses', () => {
    const json = draftJSON([], [clause('op', 'o1', 'First clause;'), clause('op', 'o2', 'Second clause;')]);
    const doc = docFromJSON(json);
    const me = author();
    const from = posOf(doc, 'clause;');
    const to = posOf(doc, 'Second') + 'Second'.length;
    const state = EditorState.create({ schema, doc, selection: TextSelection.create(doc, from, to) });
    const next = apply(state, (s) => s.tr.deleteSelection(), me);
    expect(runs(next.doc)).toEqual(['First ', '-[mine1]clause;', '-[mine1]Second', ' clause;']);
    expect(next.doc.child(1).childCount).toBe(2);
  });

  it('refuses to split a clause or change formatting as a suggestion', () => {
    const doc = draft({ text: 'Calls upon States;' });
    const state = stateOf(doc, posOf(doc, 'States'));
    const split = suggestTransaction(state, state.tr.split(state.selection.head, 2), author());
    expect(split).toEqual({ kind: 'refused', reason: STRUCTURE_REFUSAL });
    const bold = suggestTransaction(state, state.tr.addMark(6, 9, schema.marks.strong.create()), author());
    expect(bold).toEqual({ kind: 'refused', reason: FORMAT_REFUSAL });
  });

  it('keeps what undo of one’s own suggestion restores: removing an insertion is a plain removal', () => {
    // Undo arrives through y-prosemirror and is never rewritten; here the inverse step of a
    // suggested insertion, run through the rewrite, must still remove it and not strike it.
    const doc = draft({ text: 'Calls upon States;' });
    const me = author();
    const typed = apply(stateOf(doc, posOf(doc, ';')), (s) => s.tr.insertText(' now'), me);
    const at = posOf(typed.doc, ' now');
    const undone = apply(typed, (s) => s.tr.delete(at, at + 4), me);
    expect(undone.doc.eq(doc)).toBe(true);
  });
});

describe('formal mode on the client', () => {
  const own = (id: string) => id.startsWith('mine');

  it('lets through what suggest mode produces', () => {
    const doc = draft({ text: 'Calls upon every State;' });
    const me = author();
    const from = posOf(doc, 'every');
    const state = EditorState.create({ schema, doc, selection: TextSelection.create(doc, from, from + 3) });
    const outcome = suggestTransaction(state, state.tr.insertText('the'), me);
    if (outcome.kind !== 'suggested') throw new Error(outcome.reason);
    expect(formalRefusal(outcome.tr, own)).toBeNull();
  });

  it('refuses direct typing, direct deletion, splits and formatting', () => {
    const doc = draft({ text: 'Calls upon States;' });
    const state = stateOf(doc, posOf(doc, 'States'));
    expect(formalRefusal(state.tr.insertText('x'), own)).toMatch(/only suggest/);
    const upon = posOf(doc, 'upon');
    expect(formalRefusal(state.tr.delete(upon, upon + 2), own)).toMatch(/only suggest/);
    expect(formalRefusal(state.tr.split(state.selection.head, 2), own)).toMatch(/structure/);
    expect(formalRefusal(state.tr.addMark(upon, upon + 4, schema.marks.em.create()), own)).toMatch(/formatting/);
  });

  it('refuses changing another delegation’s suggestion', () => {
    const doc = draft({ text: 'Calls upon ' }, { text: 'all ', marks: ins('theirs') }, { text: 'State;' });
    const state = stateOf(doc, posOf(doc, 'State;'));
    const at = posOf(doc, 'all ');
    expect(formalRefusal(state.tr.delete(at, at + 4), own)).toMatch(/Another delegation/);
    const typed = state.tr.insertText('x', at + 1);
    expect(formalRefusal(typed, own)).toMatch(/only suggest|Another/);
  });

  it('allows the clause-id repair of a clause without an id, and no other attribute change', () => {
    const doc = draft({ text: 'Calls upon States;' });
    const state = stateOf(doc, 3);
    let opPos = -1;
    doc.descendants((node, pos) => {
      if (node.type.name === 'op') opPos = pos;
      return opPos < 0;
    });
    expect(formalRefusal(state.tr.setNodeAttribute(opPos, 'id', 'other'), own)).toMatch(/structure/);
    const noId = state.apply(state.tr.setNodeAttribute(opPos, 'id', null));
    expect(formalRefusal(noId.tr.setNodeAttribute(opPos, 'id', 'fresh1'), own)).toBeNull();
    expect(formalRefusal(state.tr.setNodeAttribute(opPos, 'status', 'agreed'), own)).toMatch(/structure/);
  });
});

// @vitest-environment happy-dom
import { docFromJSON, numberClauses } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { afterEach, describe, expect, it } from 'vitest';
import { numberingPlugin, numberingPluginKey, setFrozenNumbers } from '../src/editor/numbering-plugin.js';

function op(id: string, text: string) {
  return { type: 'op', attrs: { id }, content: [{ type: 'body', content: [{ type: 'text', text }] }] };
}

function draft(ops: number): PMNode {
  return docFromJSON({
    type: 'doc',
    content: [
      { type: 'preamble', content: [] },
      { type: 'operative', content: Array.from({ length: ops }, (_, i) => op(`o${i}`, `Clause ${i};`)) },
    ],
  });
}

/** The editor drawing the state under test; each test's states are shown in it as they are made. */
let view: EditorView | null = null;
afterEach(() => {
  view?.destroy();
  view = null;
});

/** Draws `state` in the test's editor (made on first use) and returns it. */
function show(state: EditorState): EditorState {
  if (view) view.updateState(state);
  else view = new EditorView(document.createElement('div'), { state });
  return state;
}

/** The labels the clause elements carry, with the position of their clause, in document order. */
function shown(_state: EditorState): [number, string][] {
  if (!view) throw new Error('no editor');
  const editor = view;
  return [...editor.dom.querySelectorAll('.clause')].map((element): [number, string] => [
    editor.posAtDOM(element, 0) - 1,
    element.getAttribute('data-label') ?? '',
  ]);
}

function expected(doc: PMNode): [number, string][] {
  return numberClauses(doc).map((n): [number, string] => [n.pos, n.label]);
}

/** The plugin's labels (what the outline and the toolbar read) against a fresh numbering. */
function expectNumbersCurrent(state: EditorState): void {
  expect(numberingPluginKey.getState(state)?.numbers).toEqual(numberClauses(state.doc));
}

describe('the numbering plugin', () => {
  it('keeps every label on its clause while text is typed inside a clause', () => {
    let state = show(EditorState.create({ doc: draft(30), plugins: [numberingPlugin()] }));
    const first = numberClauses(state.doc)[3];
    if (!first) throw new Error('no OP 4');
    state = show(state.apply(state.tr.insertText('new words ', first.pos + 2)));
    expect(shown(state)).toEqual(expected(state.doc));
    expectNumbersCurrent(state);
  });

  it('keeps labels right when the whole document is replaced by a near-identical one (remote change)', () => {
    let state = show(EditorState.create({ doc: draft(30), plugins: [numberingPlugin()] }));
    const target = numberClauses(state.doc)[10];
    if (!target) throw new Error('no OP 11');
    const edited = state.apply(state.tr.insertText('x', target.pos + 3)).doc;
    // y-prosemirror applies remote changes as one replacement of the whole content.
    state = show(state.apply(state.tr.replaceWith(0, state.doc.content.size, edited.content)));
    expect(state.doc.eq(edited)).toBe(true);
    expect(shown(state)).toEqual(expected(state.doc));
    expectNumbersCurrent(state);
  });

  it('follows deletions inside a clause and edits at the very end of its text', () => {
    let state = show(EditorState.create({ doc: draft(12), plugins: [numberingPlugin()] }));
    const target = numberClauses(state.doc)[5];
    if (!target) throw new Error('no OP 6');
    // "Clause 5;" loses "Clause ", then text is typed after the remaining "5;".
    state = show(state.apply(state.tr.delete(target.pos + 2, target.pos + 2 + 'Clause '.length)));
    expect(shown(state)).toEqual(expected(state.doc));
    expectNumbersCurrent(state);
    const now = numberClauses(state.doc)[5];
    if (!now) throw new Error('no OP 6');
    state = show(state.apply(state.tr.insertText(' and more', now.pos + 2 + '5;'.length)));
    expect(state.doc.child(1).child(5).textContent).toBe('5; and more');
    expect(shown(state)).toEqual(expected(state.doc));
    expectNumbersCurrent(state);
  });

  it('takes a clause attribute changed together with text as a new numbering', () => {
    let state = show(EditorState.create({ doc: draft(6), plugins: [numberingPlugin()] }));
    const third = numberClauses(state.doc)[2];
    if (!third) throw new Error('no OP 3');
    // One transaction: text typed into OP 3 and OP 3's id repaired; the id is in the labels.
    const tr = state.tr.insertText('typed ', third.pos + 2).setNodeMarkup(third.pos, undefined, { id: 'renamed' });
    state = show(state.apply(tr));
    expectNumbersCurrent(state);
    expect(numberingPluginKey.getState(state)?.numbers[2]?.id).toBe('renamed');
    expect(shown(state)).toEqual(expected(state.doc));
  });

  it('renumbers when a clause is inserted', () => {
    let state = show(EditorState.create({ doc: draft(5), plugins: [numberingPlugin()] }));
    const node = state.schema.nodeFromJSON(op('fresh', 'Inserted;'));
    const second = numberClauses(state.doc)[1];
    if (!second) throw new Error('no OP 2');
    state = show(state.apply(state.tr.insert(second.pos, node)));
    expect(shown(state)).toEqual(expected(state.doc));
    expect(shown(state).map(([, label]) => label)).toEqual(['OP 1', 'OP 2', 'OP 3', 'OP 4', 'OP 5', 'OP 6']);
  });
});

describe('the numbering plugin’s labels version', () => {
  const version = (state: EditorState) => numberingPluginKey.getState(state)?.labelsVersion;

  it('stays while typing shifts positions and goes up when clauses are added, moved or removed', () => {
    let state = show(EditorState.create({ doc: draft(8), plugins: [numberingPlugin()] }));
    const start = version(state);
    const target = numberClauses(state.doc)[2];
    if (!target) throw new Error('no OP 3');
    // A remote keystroke: the whole content replaced by a document differing in one character.
    const typed = state.apply(state.tr.insertText('x', target.pos + 3)).doc;
    state = show(state.apply(state.tr.replaceWith(0, state.doc.content.size, typed.content)));
    expect(version(state)).toBe(start);
    expectNumbersCurrent(state);
    expect(shown(state)).toEqual(expected(state.doc));

    const third = state.doc.child(1).child(2);
    const at = (numberClauses(state.doc)[2]?.pos ?? 0) + third.nodeSize;
    state = show(state.apply(state.tr.insert(at, state.schema.nodeFromJSON(op('new', 'Added;')))));
    const added = version(state);
    expect(added).not.toBe(start);
    expectNumbersCurrent(state);
    expect(shown(state)).toEqual(expected(state.doc));

    // Moved: OP 1 taken out and put back last.
    const first = state.doc.child(1).child(0);
    const firstPos = numberClauses(state.doc)[0]?.pos ?? 0;
    state = show(state.apply(state.tr.delete(firstPos, firstPos + first.nodeSize)));
    state = show(state.apply(state.tr.insert(state.doc.child(0).nodeSize + state.doc.child(1).nodeSize - 1, first)));
    expect(version(state)).not.toBe(added);
    expect(numberClauses(state.doc).map((n) => n.id)).toEqual(['o1', 'o2', 'new', 'o3', 'o4', 'o5', 'o6', 'o7', 'o0']);
    expectNumbersCurrent(state);
    expect(shown(state)).toEqual(expected(state.doc));

    const moved = version(state);
    const lastPos = numberClauses(state.doc)[8]?.pos ?? 0;
    state = show(state.apply(state.tr.delete(lastPos, lastPos + first.nodeSize)));
    expect(version(state)).not.toBe(moved);
    expectNumbersCurrent(state);
  });
});

describe('the clause elements', () => {
  it('carry the label, the number and the spoken label of their clause', () => {
    show(EditorState.create({ doc: draft(3), plugins: [numberingPlugin()] }));
    const second = view?.dom.querySelectorAll('.clause')[1];
    expect(second?.getAttribute('data-label')).toBe('OP 2');
    expect(second?.getAttribute('data-number')).toBe('2');
    expect(second?.getAttribute('role')).toBe('group');
    expect(second?.getAttribute('aria-label')).toBe('Operative paragraph 2');
    expect(second?.getAttribute('title')).toBe('Operative paragraph 2');
    expect(second?.getAttribute('data-id')).toBe('o1');
  });

  it('are kept, and none of their attributes written, while text is typed inside a clause', () => {
    let state = show(EditorState.create({ doc: draft(20), plugins: [numberingPlugin()] }));
    const elements = [...(view?.dom.querySelectorAll('.clause') ?? [])];
    const writes: string[] = [];
    for (const element of elements) {
      const write = element.setAttribute.bind(element);
      element.setAttribute = (name: string, value: string) => {
        writes.push(name);
        write(name, value);
      };
    }
    const target = numberClauses(state.doc)[4];
    if (!target) throw new Error('no OP 5');
    for (const letter of 'amended') state = show(state.apply(state.tr.insertText(letter, target.pos + 2)));
    expect([...(view?.dom.querySelectorAll('.clause') ?? [])]).toEqual(elements);
    expect(writes).toEqual([]);
    expect(shown(state)).toEqual(expected(state.doc));
  });

  it('take the chair’s frozen numbers, and "bis" for a clause added meanwhile', () => {
    let state = show(EditorState.create({ doc: draft(3), plugins: [numberingPlugin()] }));
    state = show(state.apply(setFrozenNumbers(state.tr, { o0: '1', o1: '2', o2: '3' })));
    const second = numberClauses(state.doc)[1];
    if (!second) throw new Error('no OP 2');
    state = show(state.apply(state.tr.insert(second.pos, state.schema.nodeFromJSON(op('fresh', 'Inserted;')))));
    expect(shown(state).map(([, label]) => label)).toEqual(['OP 1', 'OP 1 bis', 'OP 2', 'OP 3']);
    state = show(state.apply(setFrozenNumbers(state.tr, null)));
    expect(shown(state).map(([, label]) => label)).toEqual(['OP 1', 'OP 2', 'OP 3', 'OP 4']);
  });

  it('are drawn anew with their label when a clause’s status changes', () => {
    let state = show(EditorState.create({ doc: draft(3), plugins: [numberingPlugin()] }));
    const third = numberClauses(state.doc)[2];
    if (!third) throw new Error('no OP 3');
    state = show(state.apply(state.tr.setNodeMarkup(third.pos, undefined, { id: 'o2', status: 'agreed' })));
    const element = view?.dom.querySelectorAll('.clause')[2];
    expect(element?.getAttribute('data-status')).toBe('agreed');
    expect(element?.getAttribute('data-label')).toBe('OP 3');
    expect(shown(state)).toEqual(expected(state.doc));
  });
});

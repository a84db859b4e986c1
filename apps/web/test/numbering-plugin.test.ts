import { docFromJSON, numberClauses } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { numberingPlugin, numberingPluginKey } from '../src/editor/numbering-plugin.js';

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

/** The labels the decorations show, with where they sit, against what numbering says. */
function shown(state: EditorState): [number, string][] {
  const set = numberingPluginKey.getState(state)?.decorations;
  return (set?.find() ?? [])
    .map((d): [number, string] => [
      d.from,
      String((d as unknown as { type: { attrs: Record<string, string> } }).type.attrs['data-label']),
    ])
    .sort((a, b) => a[0] - b[0]);
}

function expected(doc: PMNode): [number, string][] {
  return numberClauses(doc).map((n): [number, string] => [n.pos, n.label]);
}

describe('the numbering plugin', () => {
  it('keeps every label on its clause while text is typed inside a clause', () => {
    let state = EditorState.create({ doc: draft(30), plugins: [numberingPlugin()] });
    const first = numberClauses(state.doc)[3];
    if (!first) throw new Error('no OP 4');
    state = state.apply(state.tr.insertText('new words ', first.pos + 2));
    expect(shown(state)).toEqual(expected(state.doc));
  });

  it('keeps labels right when the whole document is replaced by a near-identical one (remote change)', () => {
    let state = EditorState.create({ doc: draft(30), plugins: [numberingPlugin()] });
    const target = numberClauses(state.doc)[10];
    if (!target) throw new Error('no OP 11');
    const edited = state.apply(state.tr.insertText('x', target.pos + 3)).doc;
    // y-prosemirror applies remote changes as one replacement of the whole content.
    state = state.apply(state.tr.replaceWith(0, state.doc.content.size, edited.content));
    expect(state.doc.eq(edited)).toBe(true);
    expect(shown(state)).toEqual(expected(state.doc));
  });

  it('renumbers when a clause is inserted', () => {
    let state = EditorState.create({ doc: draft(5), plugins: [numberingPlugin()] });
    const node = state.schema.nodeFromJSON(op('fresh', 'Inserted;'));
    const second = numberClauses(state.doc)[1];
    if (!second) throw new Error('no OP 2');
    state = state.apply(state.tr.insert(second.pos, node));
    expect(shown(state)).toEqual(expected(state.doc));
    expect(shown(state).map(([, label]) => label)).toEqual(['OP 1', 'OP 2', 'OP 3', 'OP 4', 'OP 5', 'OP 6']);
  });
});

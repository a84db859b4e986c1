import { docFromJSON, schema, withoutOthersMarks } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import { EditorState, TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { clause, draftJSON, posOf } from './fixtures.js';

const mine = (id: string) => id === 'mine';

function draft(...content: { text: string; marks?: { type: string; attrs: { id: string } }[] }[]): PMNode {
  const json = draftJSON([], [clause('op', 'o1', 'x')]);
  const body = json.content?.[1]?.content?.[0]?.content?.[0];
  if (!body) throw new Error('fixture');
  (body as { content: unknown }).content = content.map((c) => ({ type: 'text', ...c }));
  return docFromJSON(json);
}

/** The OP's text as runs tagged with their suggestion marks, e.g. `+[fr]new`, `-[fr]old`. */
function runs(doc: PMNode): string[] {
  const out: string[] = [];
  doc.descendants((node) => {
    if (!node.isText) return true;
    const ins = node.marks.find((m) => m.type.name === 'insertion');
    const del = node.marks.find((m) => m.type.name === 'deletion');
    out.push(`${ins ? `+[${ins.attrs.id}]` : ''}${del ? `-[${del.attrs.id}]` : ''}${node.text}`);
    return false;
  });
  return out;
}

function typeAt(doc: PMNode, needle: string, text: string): PMNode {
  const state = EditorState.create({ schema, doc, selection: TextSelection.create(doc, posOf(doc, needle)) });
  return state.apply(withoutOthersMarks(state.tr.insertText(text), mine)).doc;
}

describe('withoutOthersMarks', () => {
  it("leaves text typed inside another delegation's insertion outside it", () => {
    const doc = draft(
      { text: 'Calls upon ' },
      { text: 'all States', marks: [{ type: 'insertion', attrs: { id: 'fr' } }] },
    );
    expect(runs(typeAt(doc, 'States', 'willing '))).toEqual(['Calls upon ', '+[fr]all ', 'willing ', '+[fr]States']);
  });

  it("leaves text typed inside another delegation's deletion unstruck", () => {
    const doc = draft({ text: 'Calls upon every State', marks: [{ type: 'deletion', attrs: { id: 'fr' } }] });
    expect(runs(typeAt(doc, 'State', 'willing '))).toEqual(['-[fr]Calls upon every ', 'willing ', '-[fr]State']);
  });

  it("keeps the writer's own suggestion marks and the text's other marks", () => {
    const doc = draft(
      { text: 'Calls upon ' },
      {
        text: 'all States',
        marks: [{ type: 'insertion', attrs: { id: 'mine' } }, { type: 'strong', attrs: {} } as never],
      },
    );
    const typed = typeAt(doc, 'States', 'willing ');
    expect(runs(typed)).toEqual(['Calls upon ', '+[mine]all willing States']);
    let strong = true;
    typed.descendants((node) => {
      if (node.isText && node.text?.includes('willing')) strong = node.marks.some((m) => m.type.name === 'strong');
      return true;
    });
    expect(strong).toBe(true);
  });

  it("takes another delegation's marks off pasted text too, and leaves text not written alone", () => {
    const doc = draft({ text: 'Calls upon States', marks: [{ type: 'insertion', attrs: { id: 'fr' } }] });
    const state = EditorState.create({ schema, doc });
    const pasted = schema.text('all ', [schema.marks.insertion.create({ id: 'br-other' })]);
    const tr = withoutOthersMarks(state.tr.insert(posOf(doc, 'States'), pasted), mine);
    expect(runs(state.apply(tr).doc)).toEqual(['+[fr]Calls upon ', 'all ', '+[fr]States']);
  });
});

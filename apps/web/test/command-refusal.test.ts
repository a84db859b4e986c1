import { docFromJSON, type NodeJSON } from '@plenary/schema';
import { EditorState, TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { refusalReason } from '../src/editor/command-refusal.js';
import { indentClause } from '../src/editor/indent-clause.js';
import { moveClauseUp } from '../src/editor/move-clause.js';

function clause(type: 'pp' | 'op', text: string): NodeJSON {
  return { type, attrs: { id: text }, content: [{ type: 'body', content: [{ type: 'text', text }] }] };
}

const doc = docFromJSON({
  type: 'doc',
  content: [
    { type: 'preamble', content: [clause('pp', 'Recalling,')] },
    { type: 'operative', content: [clause('op', 'Welcomes;'), clause('op', 'Urges.')] },
  ],
});

function at(word: string): EditorState {
  let pos = -1;
  doc.descendants((node, p) => {
    if (node.isText && node.text === word) pos = p + 1;
  });
  return EditorState.create({ doc, selection: TextSelection.create(doc, pos) });
}

describe('refusalReason', () => {
  it('names why the first operative paragraph cannot move up or be indented', () => {
    const state = at('Welcomes;');
    expect(moveClauseUp(state)).toBe(false);
    expect(refusalReason('move-up', state)).toBe('This is already the first operative paragraph.');
    expect(indentClause(state)).toBe(false);
    expect(refusalReason('indent', state)).toBe('There is no operative paragraph before this one to go under.');
  });

  it('says that preambular paragraphs take no sub-paragraphs', () => {
    const state = at('Recalling,');
    expect(indentClause(state)).toBe(false);
    expect(refusalReason('indent', state)).toBe('Preambular paragraphs have no sub-paragraphs.');
  });
});

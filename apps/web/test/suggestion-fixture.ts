import type { SuggestionRecord } from '@plenary/protocol';
import { docFromJSON, schema } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import { suggestionDecorationsPlugin } from '../src/suggestions/suggestion-decorations.js';

/** France's open insertion `s1` (" and peaceful" in clause o1), with `overrides`. */
export function record(overrides: Partial<SuggestionRecord> = {}): SuggestionRecord {
  return {
    id: 's1',
    kind: 'insertion',
    delegation: 'France',
    person: null,
    clauseId: 'o1',
    text: ' and peaceful',
    createdAt: 1_700_000_000_000,
    status: 'open',
    ...overrides,
  };
}

/** A draft of one operative clause `o1`, proposed, whose text is `content` (ProseMirror JSON). */
export function oneClauseDraft(content: readonly unknown[]): PMNode {
  return docFromJSON({
    type: 'doc',
    content: [
      { type: 'preamble' },
      {
        type: 'operative',
        content: [
          { type: 'op', attrs: { id: 'o1', status: 'proposed', tags: '' }, content: [{ type: 'body', content }] },
        ],
      },
    ],
  });
}

/** The text runs of `doc` with their suggestion marks, e.g. `+[id]all `, `-[id]States;`. */
export function suggestionRuns(doc: PMNode): string[] {
  const out: string[] = [];
  doc.descendants((node) => {
    if (!node.isText) return true;
    const tags = node.marks
      .filter((m) => m.type.name === 'insertion' || m.type.name === 'deletion')
      .map((m) => `${m.type.name === 'insertion' ? '+' : '-'}[${String(m.attrs.id)}]`);
    out.push(`${tags.join('')}${node.text}`);
    return false;
  });
  return out;
}

/** A draft of one clause holding France's insertion `s1`, with the suggestion colours. */
export function state(): EditorState {
  const doc = oneClauseDraft([
    { type: 'text', text: 'Calls upon States' },
    { type: 'text', text: ' and peaceful', marks: [{ type: 'insertion', attrs: { id: 's1' } }] },
    { type: 'text', text: ';' },
  ]);
  return EditorState.create({ schema, doc, plugins: [suggestionDecorationsPlugin()] });
}

import type { SuggestionRecord } from '@plenary/protocol';
import { docFromJSON, schema } from '@plenary/schema';
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

/** A draft of one clause holding France's insertion `s1`, with the suggestion colours. */
export function state(): EditorState {
  const doc = docFromJSON({
    type: 'doc',
    content: [
      { type: 'preamble' },
      {
        type: 'operative',
        content: [
          {
            type: 'op',
            attrs: { id: 'o1', status: 'proposed', tags: '' },
            content: [
              {
                type: 'body',
                content: [
                  { type: 'text', text: 'Calls upon States' },
                  { type: 'text', text: ' and peaceful', marks: [{ type: 'insertion', attrs: { id: 's1' } }] },
                  { type: 'text', text: ';' },
                ],
              },
            ],
          },
        ],
      },
    ],
  });
  return EditorState.create({ schema, doc, plugins: [suggestionDecorationsPlugin()] });
}

import type { PositionRecords } from '@plenary/protocol';
import { docFromJSON, type NodeJSON, schema } from '@plenary/schema';
import { EditorState } from 'prosemirror-state';
import { type Decoration, DecorationSet } from 'prosemirror-view';
import { describe, expect, it } from 'vitest';
import { positionDecorationsPlugins, setPositionRecords } from '../src/positions/position-decorations.js';

const bracket = (id: string) => ({ type: 'bracket', attrs: { id } });

const draft: NodeJSON = {
  type: 'doc',
  content: [
    { type: 'preamble', content: [] },
    {
      type: 'operative',
      content: [
        {
          type: 'op',
          attrs: { id: 'op1' },
          content: [
            {
              type: 'body',
              content: [
                { type: 'text', text: 'Calls upon ' },
                { type: 'text', text: 'all ', marks: [bracket('outer')] },
                { type: 'text', text: 'States', marks: [bracket('outer'), bracket('inner')] },
                { type: 'text', text: ' to notify;' },
              ],
            },
          ],
        },
        {
          type: 'op',
          attrs: { id: 'op2' },
          content: [
            {
              type: 'alternatives',
              attrs: { id: 'g1' },
              content: [
                {
                  type: 'alternative',
                  attrs: { id: 'a1' },
                  content: [{ type: 'body', content: [{ type: 'text', text: 'Urges;' }] }],
                },
                { type: 'alternative', attrs: { id: 'a2' }, content: [{ type: 'body' }] },
              ],
            },
          ],
        },
      ],
    },
  ],
};

const records: PositionRecords = {
  proposals: [
    {
      id: 'outer',
      kind: 'bracket',
      clauseId: 'op1',
      groupId: null,
      proposedBy: 'Brazil',
      person: null,
      createdAt: 1,
      status: 'open',
    },
    {
      id: 'inner',
      kind: 'bracket',
      clauseId: 'op1',
      groupId: null,
      proposedBy: 'Chile',
      person: null,
      createdAt: 2,
      status: 'open',
    },
    {
      id: 'a2',
      kind: 'option',
      clauseId: 'op2',
      groupId: 'g1',
      proposedBy: 'France',
      person: null,
      createdAt: 3,
      status: 'open',
    },
  ],
  stances: [{ target: 'outer', delegation: 'Kenya', stance: 'support', at: 4 }],
  statuses: [],
  picks: [],
  frozen: null,
};

function decorations(): Decoration[] {
  let state = EditorState.create({ schema, doc: docFromJSON(draft), plugins: positionDecorationsPlugins() });
  state = state.apply(setPositionRecords(state.tr, records));
  const found: Decoration[] = [];
  state.plugins.forEach((plugin) => {
    const set = plugin.props.decorations?.call(plugin, state);
    if (set instanceof DecorationSet) found.push(...set.find());
  });
  return found;
}

/** The DOM attributes an inline or node decoration adds (ProseMirror keeps them on its type). */
function attrsOf(decoration: Decoration): Record<string, string> | undefined {
  return (decoration as unknown as { type: { attrs?: Record<string, string> } }).type.attrs;
}

/** The text a widget decoration stands for: its key, "[outer:Brazil" or "]inner". */
function widgetKeys(found: readonly Decoration[]): { at: number; key: string }[] {
  return found
    .filter((d) => d.from === d.to)
    .map((d) => ({ at: d.from, key: (d.spec as { key: string }).key }))
    .sort((a, b) => a.at - b.at);
}

describe('brackets and alternatives drawn from the records', () => {
  it('opens each bracket with its proposer and closes nested ones inside out', () => {
    const found = decorations();
    const keys = widgetKeys(found).map((w) => w.key);
    expect(keys).toEqual(['[outer:Brazil', '[inner:Chile', ']inner', ']outer']);
    const outer = found.find((d) => d.from !== d.to && attrsOf(d)?.['data-bracket'] === 'outer');
    expect(outer && attrsOf(outer)?.title).toBe('Bracketed. Proposed by Brazil; supported by Kenya');
  });

  it('labels alternatives with their proposer and marks the empty one "no text"', () => {
    const labels = decorations()
      .map(attrsOf)
      .filter((attrs): attrs is Record<string, string> => attrs?.['data-alt-label'] !== undefined)
      .map((attrs) => [attrs['data-alt-label'], attrs['data-empty']]);
    expect(labels).toEqual([
      ['Alt 1', 'false'],
      ['Alt 2 · France', 'true'],
    ]);
  });
});

import { changeTokens, EditIndex, type ExportEdit } from '@plenary/export';
import { describe, expect, it } from 'vitest';

const EDITS: readonly ExportEdit[] = [
  { clauseId: 'op1', kind: 'ins', words: ['without', 'delay'], author: 'Kenya', at: 1 },
  { clauseId: 'op1', kind: 'ins', words: ['and', 'in', 'good', 'faith'], author: 'Brazil', at: 2 },
  { clauseId: 'op1', kind: 'del', words: ['promptly'], author: 'Chair', at: 3 },
];

describe('change authors from the provenance log', () => {
  it('gives each word of a change to the edit that added it, spaces going with the word after them', () => {
    expect(new EditIndex(EDITS).split('op1', 'ins', ' without delay and in good faith')).toEqual([
      { text: ' without delay', by: { author: 'Kenya', at: 1 } },
      { text: ' and in good faith', by: { author: 'Brazil', at: 2 } },
    ]);
  });

  it('signs words no edit names with the clause’s last edit of that kind, and nothing outside edited clauses', () => {
    const index = new EditIndex(EDITS);
    expect(index.authorOf('op1', 'ins', 'unknown words')).toEqual({ author: 'Brazil', at: 2 });
    expect(index.authorOf('op1', 'del', 'promptly')).toEqual({ author: 'Chair', at: 3 });
    expect(index.authorOf('op2', 'ins', 'without')).toBeNull();
    expect(index.split('op2', 'ins', ' without')).toEqual([{ text: ' without', by: null }]);
  });

  it('matches punctuation as a token of its own, so a comma set apart by a bracket keeps its author', () => {
    expect(changeTokens('appropriate; Secretary-General’s')).toEqual([
      'appropriate',
      ';',
      'Secretary',
      '-',
      'General',
      '’',
      's',
    ]);
    const index = new EditIndex([
      { clauseId: 'op1', kind: 'ins', words: ['as', 'appropriate;'], author: 'Chair', at: 1 },
      { clauseId: 'op1', kind: 'ins', words: ['transparently'], author: 'Kenya', at: 2 },
    ]);
    expect(index.split('op1', 'ins', ';')).toEqual([{ text: ';', by: { author: 'Chair', at: 1 } }]);
  });

  it('draws a bracket no edit names into the change of the words beside it', () => {
    const index = new EditIndex([
      { clauseId: 'op1', kind: 'ins', words: ['as', 'appropriate'], author: 'Chair', at: 1 },
      { clauseId: 'op1', kind: 'ins', words: ['transparently'], author: 'Kenya', at: 2 },
    ]);
    expect(index.split('op1', 'ins', '[as appropriate]')).toEqual([
      { text: '[as appropriate]', by: { author: 'Chair', at: 1 } },
    ]);
    // Written as a text of its own (the bracket's glyph), it goes with the text split before it.
    const apart = new EditIndex([
      { clauseId: 'op1', kind: 'ins', words: ['in', 'good', 'faith'], author: 'Chair', at: 1 },
      { clauseId: 'op1', kind: 'ins', words: ['transparently'], author: 'Kenya', at: 2 },
    ]);
    apart.split('op1', 'ins', ' in good faith ');
    expect(apart.split('op1', 'ins', '[')).toEqual([{ text: '[', by: { author: 'Chair', at: 1 } }]);
  });

  it('gives a word the chair and a suggestion both added to the chair where the suggestion does not hold it', () => {
    const edits: ExportEdit[] = [
      { clauseId: 'op1', kind: 'ins', words: ['Calls', 'upon', 'States', 'and', 'consult'], author: 'Chair', at: 1 },
      {
        clauseId: 'op1',
        kind: 'ins',
        words: ['and', 'international', 'organizations'],
        author: 'France (Jean Dupont)',
        at: 2,
      },
    ];
    // Without the suggestion's record, the later edit takes the word.
    expect(new EditIndex(edits).split('op1', 'ins', ' and consult')).toEqual([
      { text: ' and', by: { author: 'France (Jean Dupont)', at: 2 } },
      { text: ' consult', by: { author: 'Chair', at: 1 } },
    ]);
    const index = new EditIndex(edits, [
      { clauseId: 'op1', text: ' and international organizations', delegation: 'France' },
    ]);
    expect(index.split('op1', 'ins', ' and consult')).toEqual([
      { text: ' and consult', by: { author: 'Chair', at: 1 } },
    ]);
  });

  it('uses each occurrence an edit added once, in the order the text is written', () => {
    const index = new EditIndex([
      { clauseId: 'op1', kind: 'ins', words: ['the', 'report'], author: 'Kenya', at: 1 },
      { clauseId: 'op1', kind: 'ins', words: ['the', 'session'], author: 'Brazil', at: 2 },
    ]);
    expect(index.split('op1', 'ins', 'the session')).toEqual([
      { text: 'the session', by: { author: 'Brazil', at: 2 } },
    ]);
    expect(index.split('op1', 'ins', 'the report')).toEqual([{ text: 'the report', by: { author: 'Kenya', at: 1 } }]);
  });
});

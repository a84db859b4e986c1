import { EditIndex } from '@plenary/export';
import { describe, expect, it } from 'vitest';

const index = new EditIndex([
  { clauseId: 'op1', kind: 'ins', words: ['without', 'delay'], author: 'Kenya', at: 1 },
  { clauseId: 'op1', kind: 'ins', words: ['and', 'in', 'good', 'faith'], author: 'Brazil', at: 2 },
  { clauseId: 'op1', kind: 'del', words: ['promptly'], author: 'Chair', at: 3 },
]);

describe('change authors from the provenance log', () => {
  it('gives each word of a change to the edit that added it, spaces going with the word after them', () => {
    expect(index.split('op1', 'ins', ' without delay and in good faith')).toEqual([
      { text: ' without delay', by: { author: 'Kenya', at: 1 } },
      { text: ' and in good faith', by: { author: 'Brazil', at: 2 } },
    ]);
  });

  it('signs words no edit names with the clause’s last edit of that kind, and nothing outside edited clauses', () => {
    expect(index.authorOf('op1', 'ins', 'unknown words')).toEqual({ author: 'Brazil', at: 2 });
    expect(index.authorOf('op1', 'del', 'promptly')).toEqual({ author: 'Chair', at: 3 });
    expect(index.authorOf('op2', 'ins', 'without')).toBeNull();
    expect(index.split('op2', 'ins', ' without')).toEqual([{ text: ' without', by: null }]);
  });
});

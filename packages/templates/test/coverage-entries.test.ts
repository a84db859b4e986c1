import { docFromJSON } from '@plenary/schema';
import { coverageEntries } from '@plenary/templates';
import { describe, expect, it } from 'vitest';

const clause = (type: string, id: string, tags: string, subs: unknown[] = []) => ({
  type,
  attrs: { id, tags },
  content: [{ type: 'body', content: [{ type: 'text', text: 'Decides;' }] }, ...subs],
});

describe('coverage entries', () => {
  it('lists all eight criteria with the labelled clauses behind each', () => {
    const doc = docFromJSON({
      type: 'doc',
      content: [
        { type: 'preamble', content: [clause('pp', 'p1', 'no-debris')] },
        {
          type: 'operative',
          content: [
            clause('op', 'o1', '', [clause('subparagraph', 'o1a', 'no-debris be-predictable')]),
            clause('op', 'o2', 'be-predictable'),
          ],
        },
      ],
    });
    const entries = coverageEntries(doc);
    expect(entries).toHaveLength(8);
    const debris = entries.find((e) => e.tag === 'no-debris');
    expect(debris?.title).toBe('Does not create debris');
    expect(debris?.covered).toBe(true);
    expect(debris?.clauses.map((c) => [c.id, c.label])).toEqual([
      ['p1', 'PP 1'],
      ['o1a', 'OP 1 (a)'],
    ]);
    expect(entries.find((e) => e.tag === 'be-predictable')?.clauses.map((c) => c.label)).toEqual(['OP 1 (a)', 'OP 2']);
    expect(entries.filter((e) => !e.covered).map((e) => e.tag)).toEqual([
      'avoid-surprise',
      'respect-security',
      'avoid-provocation',
      'avoid-miscalculation',
      'no-forced-manoeuvres',
      'no-interference',
    ]);
  });
});

import { docFromJSON } from '@plenary/schema';
import { criteriaCoverage } from '@plenary/templates';
import { describe, expect, it } from 'vitest';

const op = (id: string | null, tags: unknown, type = 'op') => ({
  type,
  attrs: { id, tags },
  content: [{ type: 'body', content: [{ type: 'text', text: 'Decides;' }] }],
});

describe('criteria coverage', () => {
  it('lists the clauses behind each tag and the tags nobody addresses', () => {
    const doc = docFromJSON({
      type: 'doc',
      content: [
        { type: 'preamble', content: [op('p1', 'avoid-surprise', 'pp')] },
        {
          type: 'operative',
          content: [
            {
              ...op('o1', 'no-debris avoid-surprise bogus'),
              content: [...op('o1', '').content, op('o1a', 'no-interference', 'subparagraph')],
            },
            { type: 'section', content: [{ type: 'heading' }, op('o2', ['no-debris', 'no-debris'])] },
            op('o3', 42),
          ],
        },
      ],
    });
    const coverage = criteriaCoverage(doc);
    expect(coverage.byTag['avoid-surprise']).toEqual(['p1', 'o1']);
    expect(coverage.byTag['no-debris']).toEqual(['o1', 'o2']);
    expect(coverage.byTag['no-interference']).toEqual(['o1a']);
    expect(coverage.covered).toEqual(['avoid-surprise', 'no-debris', 'no-interference']);
    expect(coverage.missing).toEqual([
      'respect-security',
      'avoid-provocation',
      'be-predictable',
      'avoid-miscalculation',
      'no-forced-manoeuvres',
    ]);
  });
});

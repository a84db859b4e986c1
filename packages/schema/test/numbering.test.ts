import { clauseLabels, docFromJSON, frozenNumbers, numberClauses } from '@plenary/schema';
import { describe, expect, it } from 'vitest';
import { clause, draftJSON } from './fixtures.js';

const section = (id: string, heading: string, ops: ReturnType<typeof clause>[]) => ({
  type: 'section',
  attrs: { id },
  content: [{ type: 'heading', content: [{ type: 'text', text: heading }] }, ...ops],
});

const nested = docFromJSON(
  draftJSON(
    [clause('pp', 'p1', 'Recalling,'), clause('pp', 'p2', 'Noting,')],
    [
      clause('op', 'o1', 'Decides;'),
      section('s1', 'Norms', [
        clause('op', 'o2', 'Calls upon:', [
          clause('subparagraph', 'o2a', 'To x;'),
          clause('subparagraph', 'o2b', 'To y:', [
            clause('subsubparagraph', 'o2b1', 'first;'),
            clause('subsubparagraph', 'o2b2', 'second;'),
          ]),
        ]),
      ]),
      section('s2', 'Implementation', [clause('op', 'o3', 'Requests.')]),
    ],
  ),
);

describe('numbering', () => {
  it('numbers nested clauses and runs OPs on across sections', () => {
    expect(numberClauses(nested).map((n) => n.label)).toEqual([
      'PP 1',
      'PP 2',
      'OP 1',
      'OP 2',
      'OP 2 (a)',
      'OP 2 (b)',
      'OP 2 (b) (i)',
      'OP 2 (b) (ii)',
      'OP 3',
    ]);
  });

  it('gives spoken labels for screen readers', () => {
    const labels = clauseLabels(nested);
    expect(labels.get('p2')?.spoken).toBe('Preambular paragraph 2');
    expect(labels.get('o3')?.spoken).toBe('Operative paragraph 3');
    expect(labels.get('o2b2')?.spoken).toBe('Operative paragraph 2, subparagraph b, point ii');
  });

  it('keeps frozen numbers and numbers inserted clauses bis, ter', () => {
    const frozen = frozenNumbers(
      docFromJSON(draftJSON([], [clause('op', 'a', 'x;'), clause('op', 'b', 'y;'), clause('op', 'c', 'z.')])),
    );
    const edited = docFromJSON(
      draftJSON(
        [],
        [
          clause('op', 'new0', 'first;'),
          clause('op', 'a', 'x;'),
          clause('op', 'new1', 'x1;'),
          clause('op', 'new2', 'x2;', [clause('subparagraph', 'n2a', 'sub;')]),
          clause('op', 'c', 'z.'),
        ],
      ),
    );
    const labels = numberClauses(edited, { frozen }).map((n) => n.label);
    expect(labels).toEqual(['OP 0 bis', 'OP 1', 'OP 1 bis', 'OP 1 ter', 'OP 1 ter (a)', 'OP 3']);
  });

  it('continues after a clause already numbered bis', () => {
    const edited = docFromJSON(
      draftJSON([], [clause('op', 'a', 'x;'), clause('op', 'b', 'y;'), clause('op', 'n', 'z.')]),
    );
    const labels = numberClauses(edited, { frozen: { a: '5', b: '5 bis' } }).map((n) => n.label);
    expect(labels).toEqual(['OP 5', 'OP 5 bis', 'OP 5 ter']);
  });
});

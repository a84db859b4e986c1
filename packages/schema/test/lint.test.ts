import { docFromJSON, type LintCode, lintDocument, type NodeJSON } from '@plenary/schema';
import { describe, expect, it } from 'vitest';
import { body, clause, draftJSON } from './fixtures.js';

const codes = (json: NodeJSON): [string | null, LintCode][] =>
  lintDocument(docFromJSON(json)).map((f) => [f.clauseId, f.code]);

describe('UN-style lint', () => {
  it('finds nothing in well-drafted clauses', () => {
    const json = draftJSON(
      [
        clause('pp', 'p1', 'Recognizing the value of notifications,'),
        clause('pp', 'p2', 'Deeply concerned by debris,'),
      ],
      [
        clause('op', 'o1', 'Also strongly urges States to refrain from tests;'),
        clause('op', 'o2', 'Requests the Secretary-General:', [
          clause('subparagraph', 'a', 'To compile declarations; and'),
          clause('subparagraph', 'b', 'To report:', [
            clause('subsubparagraph', 'i', 'annually,'),
            clause('subsubparagraph', 'ii', 'publicly.'),
          ]),
        ]),
      ],
    );
    expect(codes(json)).toEqual([]);
  });

  it('flags openings and endings of PPs and OPs', () => {
    const json = draftJSON(
      [clause('pp', 'p1', 'The States recognize the value;')],
      [clause('op', 'o1', 'States to refrain from tests.'), clause('op', 'o2', 'Decides to act;')],
    );
    expect(codes(json)).toEqual([
      ['p1', 'pp-opening'],
      ['p1', 'pp-ending'],
      ['o1', 'op-opening'],
      ['o1', 'op-ending'],
      ['o2', 'op-ending'],
    ]);
  });

  it('flags sub-paragraph and chapeau endings', () => {
    const json = draftJSON(
      [],
      [clause('op', 'o1', 'Decides', [clause('subparagraph', 'a', 'To x.'), clause('subparagraph', 'b', 'To y;')])],
    );
    expect(codes(json)).toEqual([
      ['o1', 'chapeau-ending'],
      ['a', 'sub-ending'],
      ['b', 'sub-ending'],
    ]);
  });

  it('reports unfilled placeholders, modal verbs and empty clauses', () => {
    const op: NodeJSON = {
      type: 'op',
      attrs: { id: 'o1' },
      content: [
        {
          type: 'body',
          content: [
            { type: 'text', text: 'Decides that ' },
            { type: 'text', text: 'State', marks: [{ type: 'placeholder', attrs: { label: 'State' } }] },
            { type: 'text', text: ' should notify within ' },
            {
              type: 'text',
              text: 'number of days',
              marks: [{ type: 'placeholder', attrs: { label: 'number of days' } }],
            },
            { type: 'text', text: ' days;' },
          ],
        },
      ],
    };
    const findings = lintDocument(docFromJSON(draftJSON([], [op, clause('op', 'o2', '')])));
    expect(findings.map((f) => [f.clauseId, f.code, f.severity])).toEqual([
      ['o1', 'placeholder-unfilled', 'warning'],
      ['o1', 'placeholder-unfilled', 'warning'],
      ['o1', 'modal-verb', 'info'],
      ['o2', 'empty-clause', 'warning'],
    ]);
    expect(findings[0]?.message).toContain('⟨State⟩');
  });

  it('checks each alternative and skips "no text"', () => {
    const json = draftJSON(
      [],
      [
        {
          type: 'op',
          attrs: { id: 'o1' },
          content: [
            {
              type: 'alternatives',
              content: [
                { type: 'alternative', content: [body('Decides to act.')] },
                { type: 'alternative', content: [body('acts.')] },
                { type: 'alternative', content: [{ type: 'body' }] },
              ],
            },
          ],
        },
      ],
    );
    expect(codes(json)).toEqual([['o1', 'op-opening']]);
  });
});

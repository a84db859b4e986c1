import { docFromJSON, draftOutline, excerptOf, outlineEntryAt, reuseOutlineEntries } from '@plenary/schema';
import { describe, expect, it } from 'vitest';
import { clause, draftJSON, RICH_DRAFT } from './fixtures.js';

describe('clause outline', () => {
  it('lists every clause and section heading with label, first words and status', () => {
    const outline = draftOutline(docFromJSON(RICH_DRAFT));
    expect(outline.map((e) => [e.kind, e.label, e.depth, e.status])).toEqual([
      ['pp', 'PP 1', 0, 'agreed'],
      ['op', 'OP 1', 0, 'agreed-ad-ref'],
      ['subparagraph', 'OP 1 (a)', 1, 'proposed'],
      ['subsubparagraph', 'OP 1 (a) (i)', 2, 'proposed'],
      ['heading', 'Norms', 0, null],
      ['op', 'OP 2', 0, 'under-discussion'],
    ]);
    expect(outline[0]?.excerpt).toBe('Recognizing the value of space,');
    expect(outline[0]?.tags).toEqual(['avoid-surprise', 'no-debris']);
    // An OP with alternatives shows its first alternative; its sub-paragraphs are not in its excerpt.
    expect(outline[5]?.excerpt).toBe('Decides to act.');
    expect(outline[1]?.excerpt).toBe('Calls upon State to notify within days via…');
    expect(outline[4]?.key).toBe('heading:s-norms');
  });

  it('cuts excerpts at eight words', () => {
    expect(excerptOf('  one two  three ')).toBe('one two three');
    expect(excerptOf('a b c d e f g h i j')).toBe('a b c d e f g h…');
    expect(excerptOf('')).toBe('');
  });

  it('finds the innermost clause holding a position', () => {
    const doc = docFromJSON(RICH_DRAFT);
    const outline = draftOutline(doc);
    const sub = outline.find((e) => e.label === 'OP 1 (a)');
    const subsub = outline.find((e) => e.label === 'OP 1 (a) (i)');
    if (!sub || !subsub) throw new Error('missing entries');
    expect(outlineEntryAt(outline, sub.pos + 3)?.label).toBe('OP 1 (a)');
    expect(outlineEntryAt(outline, subsub.pos + 3)?.label).toBe('OP 1 (a) (i)');
    expect(outlineEntryAt(outline, 0)).toBeNull();
  });

  it('keeps the objects of unchanged entries so only changed lines redraw', () => {
    const before = draftOutline(
      docFromJSON(draftJSON([clause('pp', 'p1', 'Noting,')], [clause('op', 'o1', 'Decides;')])),
    );
    const after = draftOutline(
      docFromJSON(draftJSON([clause('pp', 'p1', 'Noting,')], [clause('op', 'o1', 'Decides firmly;')])),
    );
    const reused = reuseOutlineEntries(before, after);
    expect(reused[0]).toBe(before[0]);
    expect(reused[1]).not.toBe(before[1]);
    expect(reused[1]?.excerpt).toBe('Decides firmly;');
  });

  it('keys clauses without an id by kind and position', () => {
    const doc = docFromJSON(draftJSON([], [clause('op', 'not a valid id!', 'Decides;')]));
    const [entry] = draftOutline(doc);
    expect(entry?.id).toBeNull();
    expect(entry?.key).toBe(`op:${entry?.pos}`);
  });
});

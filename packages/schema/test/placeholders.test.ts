import { adjacentPlaceholder, docFromJSON, findPlaceholders, type NodeJSON } from '@plenary/schema';
import { describe, expect, it } from 'vitest';
import { draftJSON } from './fixtures.js';

const ph = (text: string, label = text, more: { type: string }[] = []): NodeJSON => ({
  type: 'text',
  text,
  marks: [...more, { type: 'placeholder', attrs: { label } }],
});
const t = (text: string): NodeJSON => ({ type: 'text', text });
const op = (id: string, content: NodeJSON[]): NodeJSON => ({
  type: 'op',
  attrs: { id },
  content: [{ type: 'body', content }],
});

const DOC = docFromJSON(
  draftJSON(
    [],
    [
      op('o1', [
        t('Calls upon '),
        ph('State'),
        t(' to notify within '),
        ph('number'),
        ph('of days', 'number', [{ type: 'em' }]),
      ]),
      op('o2', [ph('State'), ph('Party'), t(' decides;')]),
    ],
  ),
);

describe('placeholder navigation', () => {
  it('finds each placeholder as one run per label', () => {
    const found = findPlaceholders(DOC);
    expect(found.map((p) => [p.label, DOC.textBetween(p.from, p.to)])).toEqual([
      ['State', 'State'],
      ['number', 'numberof days'],
      ['State', 'State'],
      ['Party', 'Party'],
    ]);
  });

  it('moves forward and backward from a cursor and from a selected placeholder', () => {
    const found = findPlaceholders(DOC);
    const [a, b, c, d] = found;
    if (!a || !b || !c || !d) throw new Error('missing placeholders');
    expect(adjacentPlaceholder(found, { from: 0, to: 0 }, 1)).toBe(a);
    expect(adjacentPlaceholder(found, { from: a.from, to: a.from }, 1)).toBe(a);
    expect(adjacentPlaceholder(found, a, 1)).toBe(b);
    expect(adjacentPlaceholder(found, c, 1)).toBe(d);
    expect(adjacentPlaceholder(found, d, 1)).toBeNull();
    expect(adjacentPlaceholder(found, d, -1)).toBe(c);
    expect(adjacentPlaceholder(found, { from: b.to, to: b.to }, -1)).toBe(b);
    expect(adjacentPlaceholder(found, a, -1)).toBeNull();
  });

  it('finds nothing in a draft without placeholders', () => {
    const plain = docFromJSON(draftJSON([], [op('o1', [t('Decides;')])]));
    expect(findPlaceholders(plain)).toEqual([]);
    expect(adjacentPlaceholder([], { from: 3, to: 3 }, 1)).toBeNull();
  });
});

import { docFromJSON } from '@plenary/schema';
import { describe, expect, it } from 'vitest';

/** A small seeded generator (mulberry32) so failures reproduce. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = [
  'doc',
  'preamble',
  'operative',
  'section',
  'heading',
  'paragraph',
  'pp',
  'op',
  'subparagraph',
  'subsubparagraph',
  'body',
  'alternatives',
  'alternative',
  'text',
  'bogus',
  7,
  null,
];
const MARKS = ['em', 'strong', 'link', 'bracket', 'placeholder', 'insertion', 'deletion', 'bracket--AAAAAAAA', 'nope'];

function hostile(next: () => number, depth: number, words: string[]): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const roll = next();
  if (roll < 0.05) return pick([null, 42, 'str', [], { type: {} }]);
  const type = pick(NAMES);
  if (type === 'text' || depth > 5 || roll < 0.3) {
    const word = `w${words.length}`;
    words.push(word);
    return {
      type: 'text',
      text: word,
      marks:
        next() < 0.5
          ? [
              {
                type: pick(MARKS),
                attrs: { href: pick(['javascript:x', 'https://a.b']), id: pick(['ok', '<x>', 3]), label: 9 },
              },
            ]
          : 'bad',
    };
  }
  const content = Array.from({ length: Math.floor(next() * 4) }, () => hostile(next, depth + 1, words));
  return {
    type,
    attrs: { id: pick(['a', 'a', '', '"><img>']), status: pick(['agreed', 'x']), tags: pick(['no-debris', 3]) },
    content,
  };
}

describe('docFromJSON on hostile input', () => {
  it('returns a valid document for non-objects', () => {
    for (const input of [undefined, null, 0, 'doc', [], { type: 'doc', content: 'x' }]) {
      expect(() => docFromJSON(input).check()).not.toThrow();
    }
  });

  it('never throws and never loses a word (500 seeded random trees)', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const words: string[] = [];
      const input = hostile(random(seed), 0, words);
      const doc = docFromJSON(input);
      doc.check();
      const text = doc.textContent;
      for (const word of words) expect(text.includes(word), `seed ${seed}: ${word}`).toBe(true);
    }
  });
});

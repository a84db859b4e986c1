/** Latin multiplicative suffixes for clauses inserted after a numbering freeze ("5 bis"). */
export const LATIN_SUFFIXES = [
  'bis',
  'ter',
  'quater',
  'quinquies',
  'sexies',
  'septies',
  'octies',
  'novies',
  'decies',
  'undecies',
  'duodecies',
  'terdecies',
  'quaterdecies',
  'quindecies',
] as const;

/** The suffix for the `n`-th insertion after an anchor (1 → `bis`); past the list, `bis-n`. */
export function latinSuffix(n: number): string {
  return LATIN_SUFFIXES[n - 1] ?? `bis-${n}`;
}

/** Index of a Latin suffix (`bis` → 1), or 0 when `suffix` is not one. */
export function latinIndex(suffix: string): number {
  const plain = /^bis-(\d+)$/.exec(suffix);
  if (plain?.[1]) return Number(plain[1]);
  return (LATIN_SUFFIXES as readonly string[]).indexOf(suffix) + 1;
}

/** Sub-paragraph letters: a … z, then aa, bb … (UN practice). */
export function letter(n: number): string {
  const index = (n - 1) % 26;
  return String.fromCharCode(97 + index).repeat(Math.floor((n - 1) / 26) + 1);
}

const ROMAN: readonly [number, string][] = [
  [1000, 'm'],
  [900, 'cm'],
  [500, 'd'],
  [400, 'cd'],
  [100, 'c'],
  [90, 'xc'],
  [50, 'l'],
  [40, 'xl'],
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];

/** Lower-case Roman numeral for `n` ≥ 1. */
export function roman(n: number): string {
  let rest = n;
  let out = '';
  for (const [value, digits] of ROMAN) {
    while (rest >= value) {
      out += digits;
      rest -= value;
    }
  }
  return out;
}

import { describe, expect, it } from 'vitest';
import { labelInk } from '../src/editor/remote-cursor.js';

describe('remote caret labels', () => {
  it('use dark ink on light delegation colours and white on dark ones', () => {
    expect(labelInk('#F0E442')).toBe('#1d2530'); // Okabe–Ito yellow
    expect(labelInk('#56B4E9')).toBe('#1d2530'); // sky blue
    expect(labelInk('#0072B2')).toBe('#ffffff'); // blue
    expect(labelInk('#000000')).toBe('#ffffff');
    expect(labelInk('not a colour')).toBe('#ffffff');
  });
});

import { describe, expect, it } from 'vitest';
import { templateOutline } from '../src/lobby/template-outline.js';

describe('templateOutline', () => {
  it('keeps a template blank as a placeholder run, apart from the words around it', () => {
    const lines = templateOutline('draft-resolution');
    const recalling = lines.find((line) => line.text.startsWith('Recalling'));
    expect(recalling?.segments).toEqual([
      { text: 'Recalling ' },
      { text: 'previous resolutions', placeholder: 'previous resolutions' },
      { text: ',' },
    ]);
  });

  it('joins the runs into the line text', () => {
    for (const line of templateOutline('draft-resolution')) {
      expect(line.segments.map((s) => s.text).join('')).toBe(line.text);
    }
  });

  it('gives no lines for an unknown template', () => {
    expect(templateOutline('no-such-template')).toEqual([]);
  });
});

import { exportDraft } from '@plenary/export';
import { describe, expect, it } from 'vitest';
import { DATE, ROOM, SUGGESTIONS, suggestedDraft } from './fixtures.js';
import { readDocx } from './read-docx.js';

const options = { mode: 'compilation' as const, date: DATE, suggestions: SUGGESTIONS };

describe('the delegation tag of a suggestion ending in a space', () => {
  it('sits against the last word in HTML, with a plain space after it', async () => {
    const html = new TextDecoder().decode((await exportDraft('html', suggestedDraft(), ROOM, options)).body);
    expect(html).toMatch(/long-lived<\/del><sup class="suggested-by deletion">Kenya<\/sup> debris;/);
  });

  it('sits against the last word in DOCX, with a plain space after it', async () => {
    const { document } = await readDocx((await exportDraft('docx', suggestedDraft(), ROOM, options)).body);
    const runs = [...document.matchAll(/<w:r>(?:<w:rPr>([\s\S]*?)<\/w:rPr>)?<w:t[^>]*>([^<]*)<\/w:t><\/w:r>/g)].map(
      (m) => ({ props: m[1] ?? '', text: m[2] ?? '' }),
    );
    const at = runs.findIndex((r) => r.text === 'Kenya');
    expect(runs[at - 1]?.text).toMatch(/long-lived$/);
    // The space is plain text, written with the plain words after it.
    expect(runs[at + 1]?.text).toMatch(/^ debris/);
    // Struck, a lone space after the tag would read as a hyphen before "debris".
    expect(runs[at + 1]?.props).not.toContain('<w:strike/>');
  });
});

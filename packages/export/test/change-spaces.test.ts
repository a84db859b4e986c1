import { exportDraft, type Run, slideChangeSpaces } from '@plenary/export';
import { describe, expect, it } from 'vitest';
import { DATE, ROOM, SUGGESTIONS, suggestedDraft, zeroDraft } from './fixtures.js';
import { readDocx } from './read-docx.js';

const zero = zeroDraft();
const draft = suggestedDraft(zero);

/** The text of each `w:ins` of a document.xml that holds no `w:del`. */
function insertedTexts(document: string): string[] {
  return [...document.matchAll(/<w:ins w:id="\d+"[^>]*>((?:(?!<\/w:ins>)[\s\S])*)<\/w:ins>/g)]
    .filter((m) => !(m[1] ?? '').includes('<w:del '))
    .map((m) => [...(m[1] ?? '').matchAll(/<w:t(?: [^>]*)?>([^<]*)</g)].map((t) => t[1] ?? '').join(''));
}

describe('spaces around changes', () => {
  it('moves the leading space of an inserted word out of the insertion when the next text starts with one', () => {
    const runs: Run[] = [
      { text: 'risk of misunderstanding', role: 'text' },
      { text: ' and escalation', role: 'text', change: 'ins' },
      { text: ' and miscalculation', role: 'text' },
    ];
    expect(slideChangeSpaces(runs)).toEqual([
      { text: 'risk of misunderstanding ', role: 'text' },
      { text: 'and escalation ', role: 'text', change: 'ins' },
      { text: 'and miscalculation', role: 'text' },
    ]);
  });

  it('keeps a leading space that is itself the change (nothing after it to take its place)', () => {
    const runs: Run[] = [
      { text: 'Welcomes the report', role: 'text' },
      { text: ' with appreciation', role: 'text', change: 'ins' },
      { text: ';', role: 'text' },
    ];
    expect(slideChangeSpaces(runs)).toEqual(runs);
  });

  it('writes no Word insertion that starts with a space it shares with the text after it', async () => {
    const { body } = await exportDraft('docx', draft, ROOM, {
      mode: 'changes',
      date: DATE,
      against: zero,
      suggestions: SUGGESTIONS,
    });
    const inserted = insertedTexts((await readDocx(body)).document);
    expect(inserted).toContain('and escalation ');
    expect(inserted).not.toContain(' and escalation');
    const html = new TextDecoder().decode(
      (await exportDraft('html', draft, ROOM, { mode: 'compilation', date: DATE, suggestions: SUGGESTIONS })).body,
    );
    expect(html).toMatch(
      /misunderstanding <ins class="suggestion"[^>]*>and escalation<\/ins><sup[^>]*>France<\/sup> and/,
    );
  });
});

import { type ExportEdit, exportDraft } from '@plenary/export';
import type { NodeJSON } from '@plenary/schema';
import { describe, expect, it } from 'vitest';
import { smallDraft } from './draft-builder.js';
import { DATE, ROOM } from './fixtures.js';
import { readDocx } from './read-docx.js';

const before = smallDraft([], [['op1', 'States should act']]);

/** "States should act *promptly*, [in good faith] and now": an emphasised word and a bracket added. */
const after = {
  type: 'doc',
  content: [
    { type: 'preamble', content: [] },
    {
      type: 'operative',
      content: [
        {
          type: 'op',
          attrs: { id: 'op1', status: 'proposed', tags: '' },
          content: [
            {
              type: 'body',
              content: [
                { type: 'text', text: 'States should act' },
                { type: 'text', text: ' promptly', marks: [{ type: 'em' }] },
                { type: 'text', text: ', ' },
                { type: 'text', text: 'in good faith', marks: [{ type: 'bracket', attrs: { id: 'b1' } }] },
                { type: 'text', text: ' and now' },
              ],
            },
          ],
        },
      ],
    },
  ],
} as NodeJSON;

const FRANCE = Date.UTC(2026, 2, 14, 9, 30);
const KENYA = Date.UTC(2026, 2, 14, 10, 0);
const edits: ExportEdit[] = [
  { clauseId: 'op1', kind: 'ins', words: ['promptly,', '[in', 'good', 'faith]'], author: 'France', at: FRANCE },
  { clauseId: 'op1', kind: 'ins', words: ['and', 'now'], author: 'Kenya', at: KENYA },
];

/** Each tracked insertion of the body: its author, date and the text of its runs. */
async function insertions(): Promise<{ author: string; date: string; text: string; runs: number }[]> {
  const { body } = await exportDraft('docx', after, ROOM, { mode: 'changes', date: DATE, against: before, edits });
  const { document } = await readDocx(body);
  return [...document.matchAll(/<w:ins w:id="\d+" w:author="([^"]*)" w:date="([^"]*)">([\s\S]*?)<\/w:ins>/g)].map(
    ([, author = '', date = '', content = '']) => ({
      author,
      date,
      text: [...content.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
      runs: content.split('<w:r>').length - 1,
    }),
  );
}

describe('tracked changes in DOCX', () => {
  it('writes the neighbouring words one author inserted as one change, whatever their formatting', async () => {
    const france = (await insertions()).filter((i) => i.author === 'France');
    expect(france).toEqual([
      { author: 'France', date: '2026-03-14T09:30:00Z', text: ' promptly, [in good faith]', runs: 2 },
    ]);
  });

  it('keeps the words of another author a change of its own, with its date', async () => {
    const all = await insertions();
    expect(all.map((i) => [i.author, i.text])).toEqual([
      ['France', ' promptly, [in good faith]'],
      ['Kenya', ' and now'],
    ]);
    expect(all[1]?.date).toBe('2026-03-14T10:00:00Z');
  });
});

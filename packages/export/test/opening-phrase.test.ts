import { buildModel, exportDraft } from '@plenary/export';
import { docFromJSON, type NodeJSON } from '@plenary/schema';
import { describe, expect, it } from 'vitest';
import { DATE, ROOM } from './fixtures.js';
import { readDocx } from './read-docx.js';

function clause(type: 'pp' | 'op', id: string, text: string): NodeJSON {
  return { type, attrs: { id, status: 'proposed' }, content: [{ type: 'body', content: [{ type: 'text', text }] }] };
}

const draft: NodeJSON = {
  type: 'doc',
  content: [
    { type: 'preamble', content: [clause('pp', 'p1', 'Taking note of the report of the Group,')] },
    {
      type: 'operative',
      content: [
        clause('op', 'o1', 'Calls upon all States to refrain from destructive tests;'),
        clause('op', 'o2', 'Deeply regrets the creation of debris;'),
        clause('op', 'o3', 'States should refrain from it.'),
      ],
    },
  ],
};

describe('opening phrases', () => {
  it('are italic as whole phrases in preambular and operative paragraphs of the model', () => {
    const model = buildModel(docFromJSON(draft), 'clean');
    const italic = [...model.preamble, ...model.operative].map((block) =>
      block.kind === 'clause' ? block.formulations[0]?.runs.filter((r) => r.em).map((r) => r.text) : [],
    );
    expect(italic).toEqual([['Taking note'], ['Calls upon'], ['Deeply regrets'], []]);
  });

  it('are italic in DOCX, HTML and Markdown', async () => {
    const docx = await exportDraft('docx', draft, ROOM, { mode: 'clean', date: DATE });
    const { document } = await readDocx(docx.body);
    expect(document).toMatch(/<w:i\/>(?:(?!<\/w:r>).)*<w:t[^>]*>Taking note<\/w:t>/);
    expect(document).toMatch(/<w:i\/>(?:(?!<\/w:r>).)*<w:t[^>]*>Calls upon<\/w:t>/);
    const html = new TextDecoder().decode((await exportDraft('html', draft, ROOM, { mode: 'clean', date: DATE })).body);
    expect(html).toContain('<em>Taking note</em> of the report');
    expect(html).toContain('<em>Calls upon</em> all States');
    const md = new TextDecoder().decode((await exportDraft('md', draft, ROOM, { mode: 'clean', date: DATE })).body);
    expect(md).toContain('*Calls upon* all States');
  });
});

import { execFileSync } from 'node:child_process';
import { type ExportFormat, type ExportMode, type ExportPositions, exportDraft } from '@plenary/export';
import type { NodeJSON } from '@plenary/schema';
import { describe, expect, it } from 'vitest';
import { validateAkn } from './akn-schema.js';
import { DATE, ROOM } from './fixtures.js';
import { paragraphTexts, readDocx } from './read-docx.js';

type Json = { type: string; attrs?: Record<string, unknown>; content?: Json[]; marks?: unknown[]; text?: string };

const bracket = (id: string) => ({ type: 'bracket', attrs: { id } });
const text = (value: string, ...marks: unknown[]): Json =>
  marks.length > 0 ? { type: 'text', text: value, marks } : { type: 'text', text: value };

function alternative(id: string, words: string): Json {
  return { type: 'alternative', attrs: { id }, content: [{ type: 'body', content: words ? [text(words)] : [] }] };
}

/**
 * PP 1 agreed with nested brackets opening on one text ("[[inner] outer words]", the inner one
 * listed first, as y-prosemirror may order them); OP 1 agreed with alternatives (Alt 3 "no text"); OP 2
 * under discussion under the heading "Empty"; OP 3 agreed with plain text under "Kept".
 */
function positionsDraft(): NodeJSON {
  return {
    type: 'doc',
    content: [
      {
        type: 'preamble',
        content: [
          {
            type: 'pp',
            attrs: { id: 'pp1', status: 'agreed', tags: '' },
            content: [
              {
                type: 'body',
                content: [
                  text('Recalling '),
                  text('inner', bracket('bi'), bracket('bo')),
                  text(' outer words', bracket('bo')),
                  text(' of the Treaty,'),
                ],
              },
            ],
          },
        ],
      },
      {
        type: 'operative',
        content: [
          {
            type: 'op',
            attrs: { id: 'op1', status: 'agreed', tags: '' },
            content: [
              {
                type: 'alternatives',
                attrs: { id: 'g1' },
                content: [
                  alternative('a1', 'Urges all States to refrain;'),
                  alternative('a2', 'Calls upon all States to consider refraining;'),
                  alternative('a3', ''),
                ],
              },
            ],
          },
          {
            type: 'section',
            attrs: { id: 's1' },
            content: [
              { type: 'heading', content: [text('Empty')] },
              {
                type: 'op',
                attrs: { id: 'op2', status: 'under-discussion', tags: '' },
                content: [{ type: 'body', content: [text('Decides to remain seized of the matter.')] }],
              },
            ],
          },
          {
            type: 'section',
            attrs: { id: 's2' },
            content: [
              { type: 'heading', content: [text('Kept')] },
              {
                type: 'op',
                attrs: { id: 'op3', status: 'agreed', tags: '' },
                content: [{ type: 'body', content: [text('Requests a report;')] }],
              },
            ],
          },
        ],
      },
    ],
  } as NodeJSON;
}

/** Brazil proposed the outer bracket, Chile the inner one, Kenya Alt 2; stances on both. */
function records(picks: ExportPositions['picks'] = []): ExportPositions {
  return {
    proposals: [
      { id: 'bo', proposedBy: 'Brazil' },
      { id: 'bi', proposedBy: 'Chile' },
      { id: 'a2', proposedBy: 'Kenya' },
    ],
    stances: [
      { target: 'bo', delegation: 'Kenya', stance: 'support', at: 1 },
      { target: 'bo', delegation: 'France', stance: 'object', at: 2 },
      { target: 'a2', delegation: 'Egypt', stance: 'support', at: 3 },
    ],
    statuses: [{ clauseId: 'op1', statusBy: 'Chair', statusAt: 4 }],
    picks,
    frozen: null,
  };
}

async function exported(format: ExportFormat, mode: ExportMode, positions = records()): Promise<string> {
  const { body } = await exportDraft(format, positionsDraft(), ROOM, { mode, date: DATE, positions });
  if (format === 'docx') return paragraphTexts((await readDocx(body)).document).join('\n');
  return new TextDecoder().decode(body);
}

describe('positions in exports', () => {
  it('numbers clauses as the chair froze them, a clause added meanwhile "bis", except in the agreed text', async () => {
    // Frozen when OP 1 and OP 3 were OP 1 and OP 2: OP 2 (under "Empty") came in meanwhile.
    const frozen = { ...records(), frozen: { pp1: '1', op1: '1', op3: '2' } };
    const md = (await exported('md', 'clean', frozen)).replaceAll('\\', '');
    expect(md).toMatch(/^1 bis\. \*Decides\* to remain seized/m);
    expect(md).toMatch(/^2\. \*Requests\* a report;/m);
    const agreed = await exported('md', 'agreed', frozen);
    expect(agreed).not.toContain('bis');
  });

  it('keeps plain nested brackets and Alt labels with "no text" in clean mode, naming no delegation', async () => {
    for (const format of ['docx', 'html', 'md'] as const) {
      const out = await exported(format, 'clean');
      const plain = out.replaceAll('\\', '');
      expect(plain, format).toContain('[[inner] outer words]');
      expect(plain, format).toMatch(/Alt 1:(\*\*|<\/span>)? (\*|<em>)?Urges/);
      expect(plain, format).toMatch(/Alt 3:(\*\*|<\/span>)? no text/);
      expect(out, format).not.toMatch(/Brazil|Chile|Kenya|Proposed by/);
    }
  });

  it('tags brackets and alternatives with their proposers and notes the stances in compilation mode', async () => {
    const docx = await exported('docx', 'compilation');
    expect(docx).toContain('[[inner]Chile outer words]Brazil');
    expect(docx).toContain('Alt 2 (Kenya): Calls upon');
    expect(docx).toContain('[inner outer words]: Proposed by Brazil; supported by Kenya; opposed by France');
    expect(docx).toContain('Alt 2: Proposed by Kenya; supported by Egypt');
    expect(docx).toMatch(/no text {2}\(agreed\)/);
    const html = await exported('html', 'compilation');
    expect(html).toContain('[[inner]<sup class="tag">Chile</sup> outer words]<sup class="tag">Brazil</sup>');
    expect(html).toContain('<span class="alt-label">Alt 2 (Kenya):</span>');
    expect(html).toContain(
      '<aside class="positions"><p><strong>[inner outer words]:</strong> Proposed by Brazil; supported by Kenya; opposed by France</p></aside>',
    );
    const md = await exported('md', 'compilation');
    expect(md).toContain('\\[\\[inner\\]^Chile^ outer words\\]^Brazil^');
    expect(md).toContain('> *Alt 2:* Proposed by Kenya; supported by Egypt');
  });

  it('takes who proposed a bracket from the records only: a bracket without one is "unattributed"', async () => {
    const html = await exported('html', 'compilation', { ...records(), proposals: [] });
    expect(html).toContain(']<sup class="tag">unattributed</sup> outer words]<sup class="tag">unattributed</sup>');
    expect(html).not.toContain('Brazil');
  });

  it('keeps in agreed mode only agreed clauses without brackets, and the picked alternative alone', async () => {
    const unpicked = await exported('docx', 'agreed');
    expect(unpicked).not.toMatch(/Recalling|Urges|Calls upon|Decides/);
    expect(unpicked).toContain('Requests a report;');
    const picked = await exported('docx', 'agreed', records([{ id: 'g1', option: 'a2' }]));
    expect(picked).toContain('Calls upon all States to consider refraining;');
    expect(picked).not.toMatch(/Alt \d|Urges|no text|Recalling|Decides/);
    const md = await exported('md', 'agreed', records([{ id: 'g1', option: 'a2' }]));
    expect(md).not.toContain('## Empty');
    expect(md).toContain('## Kept');
    expect(md).toMatch(/1\\\. \*Calls upon\* all States/);
    expect(md).toMatch(/2\\\. \*Requests\* a report/);
  });

  it('writes nested brackets and the stances into the PDF', async () => {
    const { body } = await exportDraft('pdf', positionsDraft(), ROOM, {
      mode: 'compilation',
      date: DATE,
      positions: records(),
    });
    const text = execFileSync('/usr/bin/pdftotext', ['-layout', '-', '-'], { input: body }).toString('utf8');
    expect(text).toContain('[[inner]Chile outer words]Brazil');
    expect(text).toContain('Alt 2 (Kenya): Calls upon');
    expect(text).toContain('[inner outer words]: Proposed by Brazil; supported by Kenya; opposed by France');
  });

  it('keeps Akoma Ntoso with nested brackets and alternatives valid against the AKN 3.0 schema', async () => {
    for (const mode of ['clean', 'agreed', 'changes'] as const) {
      const { body } = await exportDraft('akn', positionsDraft(), ROOM, {
        mode,
        date: DATE,
        positions: records(),
        against: positionsDraft(),
      });
      expect(validateAkn(body), mode).toBe('');
    }
  });

  it('marks brackets as AKN inlines and alternatives as alternativeTo the first, naming proposers only in changes', async () => {
    const clean = await exported('akn', 'clean');
    expect(clean).toContain(
      '<inline name="bracket" eId="bracket_bo">[<inline name="bracket" eId="bracket_bi">[inner]</inline> outer words]</inline>',
    );
    expect(clean).toContain(
      '<p eId="para_op1__alt_1" class="alternative"><span class="alternativeLabel">Alt 1:</span> <i>Urges</i>',
    );
    expect(clean).toContain('<p eId="para_op1__alt_2" class="alternative" alternativeTo="#para_op1__alt_1">');
    expect(clean).toContain('<p eId="para_op1__alt_3" class="alternative" alternativeTo="#para_op1__alt_1">');
    expect(clean).not.toMatch(/Brazil|Kenya|Chile/);
    const { body } = await exportDraft('akn', positionsDraft(), ROOM, {
      mode: 'changes',
      date: DATE,
      positions: records(),
      against: positionsDraft(),
    });
    const changes = new TextDecoder().decode(body);
    expect(changes).toContain(
      '<inline name="bracket" eId="bracket_bo" refersTo="#delegation_Brazil" title="Proposed by Brazil; supported by Kenya; opposed by France">[',
    );
    expect(changes).toContain(
      '<inline name="bracket" eId="bracket_bi" refersTo="#delegation_Chile" title="Proposed by Chile">[inner]</inline><sup class="proposedBy">Chile</sup>',
    );
    expect(changes).toContain(
      '<p eId="para_op1__alt_2" class="alternative" alternativeTo="#para_op1__alt_1" refersTo="#delegation_Kenya" title="Proposed by Kenya; supported by Egypt">',
    );
    expect(changes).toContain(
      '<TLCOrganization eId="delegation_Brazil" href="/akn/ontology/organizations/un/Brazil" showAs="Brazil"/>',
    );
  });
});

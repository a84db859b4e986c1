import { type ExportComment, type ExportMode, exportDraft, FORMAT_MODES } from '@plenary/export';
import { describe, expect, it } from 'vitest';
import { validateAkn } from './akn-schema.js';
import { DATE, hostileDraft, negotiatedDraft, ROOM, zeroDraft } from './fixtures.js';

const zero = zeroDraft();
const draft = negotiatedDraft(zero);

describe('Akoma Ntoso export', () => {
  for (const mode of FORMAT_MODES.akn as readonly ExportMode[]) {
    it(`validates against the AKN 3.0 schema in ${mode} mode`, async () => {
      const { body, contentType, fileName } = await exportDraft('akn', draft, ROOM, {
        mode,
        date: DATE,
        against: zero,
      });
      expect(contentType).toBe('application/akn+xml; charset=utf-8');
      expect(fileName).toBe(`A-AC.294-2026-WP.1-current-${mode}.akn.xml`);
      expect(validateAkn(body)).toBe('');
    });
  }

  it('has the AKN4UN shape with eIds from clause ids', async () => {
    const { body } = await exportDraft('akn', draft, ROOM, { mode: 'clean', date: DATE });
    const xml = new TextDecoder().decode(body);
    expect(xml).toContain(
      '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement name="resolution">',
    );
    expect(xml).toMatch(
      /<FRBRWork><FRBRthis value="\/akn\/un\/statement\/resolution\/2026-03-15\/A-AC\.294-2026-WP\.1\/!main"\/>/,
    );
    expect(xml).toContain('<FRBRlanguage language="eng"/>');
    expect(xml).toContain('<docNumber>A/AC.294/2026/WP.1</docNumber>');
    expect(xml).toContain('<docTitle>Norms of responsible behaviour in outer space</docTitle>');
    expect(xml).toContain('<docStage>Zero draft</docStage>');
    expect(xml).toContain('<docStatus>draft</docStatus>');
    const eIds = [...xml.matchAll(/eId="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(eIds).size).toBe(eIds.length);
    expect(xml).toMatch(/<container name="preambularParagraph" eId="preamble__container_[^"]+"><p><i>Recalling<\/i>/);
    expect(xml).toContain('<paragraph eId="para_new-op"><num>2.</num>');
    expect(xml).toMatch(
      /<section eId="sec_[^"]+"><heading>Norms<\/heading><paragraph eId="para_[^"]+"><num>3\.<\/num>/,
    );
    expect(xml).toMatch(
      /<num>4\.<\/num><intro><p><i>Encourages<\/i>[^<]*<\/p><\/intro><subparagraph eId="subpara_[^"]+"><num>\(a\)<\/num>/,
    );
    expect(xml).toContain('<a href="https://www.un.org/en/about-us/un-charter">the Charter</a>');
    expect(xml).toMatch(
      /<p eId="(subpara_[^"]+__alt_1)" class="alternative"><span class="alternativeLabel">Alt 1:<\/span> Unilateral declarations; and<\/p><p eId="subpara_[^"]+__alt_2" class="alternative" alternativeTo="#\1"><span class="alternativeLabel">Alt 2:<\/span> Voluntary political commitments; and<\/p>/,
    );
    expect(xml).toContain('<inline name="bracket" eId="bracket_b1">[refrain from destructive tests]</inline>');
  });

  it('marks changes with ins and del', async () => {
    const { body } = await exportDraft('akn', draft, ROOM, { mode: 'changes', date: DATE, against: zero });
    const xml = new TextDecoder().decode(body);
    expect(xml).toMatch(/<ins>vital ?<\/ins>/);
    expect(xml).toMatch(/<del><i>Taking note<\/i><\/del>/);
  });

  it('stays valid and safe with hostile content', async () => {
    for (const mode of FORMAT_MODES.akn) {
      const { body } = await exportDraft('akn', hostileDraft(), ROOM, { mode, date: DATE, against: zero });
      expect(validateAkn(body)).toBe('');
      const xml = new TextDecoder().decode(body);
      expect(xml).not.toMatch(/<script|<img|href="javascript/);
      expect(xml).toContain('Признавая');
      expect(xml).toContain('Αναγνωρίζοντας');
    }
  });

  it('writes comment threads as notes referred to from their clause in changes mode, valid and escaped', async () => {
    const clauseId = [
      ...new TextDecoder()
        .decode((await exportDraft('akn', draft, ROOM, { mode: 'clean', date: DATE })).body)
        .matchAll(/<paragraph eId="para_([^"]+)">/g),
    ][0]?.[1];
    if (!clauseId) throw new Error('no operative paragraph in the fixture');
    const comments: ExportComment[] = [
      {
        clauseId,
        quote: 'Calls upon',
        status: 'open',
        visibility: 'room',
        delegation: 'Ghana',
        messages: [
          { author: 'Ghana', body: 'Too broad.\nSecond line', createdAt: 1_700_000_000_000 },
          { author: 'Peru', body: '<script>alert(1)</script> ]]> &', createdAt: 1_700_000_100_000 },
        ],
      },
      {
        clauseId: 'deleted-clause',
        quote: null,
        status: 'resolved',
        visibility: 'delegation',
        delegation: 'Ghana',
        messages: [{ author: 'Ghana', body: 'Orphaned note', createdAt: 1_700_000_000_000 }],
      },
    ];
    const { body } = await exportDraft('akn', draft, ROOM, { mode: 'changes', date: DATE, against: zero, comments });
    expect(validateAkn(body)).toBe('');
    const xml = new TextDecoder().decode(body);
    expect(xml).toMatch(
      new RegExp(`<paragraph eId="para_${clauseId}">.*?<noteRef href="#note_1" marker="1"/></p>.*?</paragraph>`),
    );
    expect(xml).toContain(
      `<note eId="note_1" marker="1" placement="side" placementBase="para_${clauseId}"><p><b>Comment (open) on “Calls upon”</b></p><p><b>Ghana:</b> Too broad.<eol/>Second line</p>`,
    );
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &amp;');
    expect(xml).not.toMatch(/<script/);
    expect(xml).toContain(
      '<note eId="note_2" marker="2"><p><b>Comment (resolved, Ghana only)</b></p><p><b>Ghana:</b> Orphaned note</p></note>',
    );
    const clean = new TextDecoder().decode(
      (await exportDraft('akn', draft, ROOM, { mode: 'clean', date: DATE, comments })).body,
    );
    expect(clean).not.toContain('<note');
    expect(clean).not.toContain('noteRef');
  });
});

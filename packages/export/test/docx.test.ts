import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportDraft } from '@plenary/export';
import { describe, expect, it } from 'vitest';
import { DATE, hostileDraft, negotiatedDraft, negotiatedPositions, ROOM, zeroDraft } from './fixtures.js';
import { paragraphTexts, readDocx } from './read-docx.js';

const zero = zeroDraft();
const draft = negotiatedDraft(zero);

describe('DOCX export', () => {
  it('lays out a UN document with Word numbering 1., (a), (i)', async () => {
    const { body, contentType, fileName } = await exportDraft('docx', draft, ROOM, { mode: 'clean', date: DATE });
    expect(contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(fileName).toBe('A-AC.294-2026-WP.1-current-clean.docx');
    const { document, numbering, core, footer } = await readDocx(body);
    expect(numbering).toMatch(/w:numFmt w:val="decimal"\/>[\s\S]*?w:lvlText w:val="%1\."/);
    expect(numbering).toMatch(/w:numFmt w:val="lowerLetter"\/>[\s\S]*?w:lvlText w:val="\(%2\)"/);
    expect(numbering).toMatch(/w:numFmt w:val="lowerRoman"\/>[\s\S]*?w:lvlText w:val="\(%3\)"/);
    const texts = paragraphTexts(document);
    expect(texts[0]).toContain('A/AC.294/2026/WP.1');
    expect(texts[1]).toContain('15 March 2026');
    expect(texts).toContain('Norms of responsible behaviour in outer space');
    const recalling = texts.findIndex((t) => t.startsWith('Recalling'));
    const welcomes = texts.findIndex((t) => t.startsWith('Welcomes'));
    const norms = texts.indexOf('Norms');
    expect(recalling).toBeGreaterThan(0);
    expect(welcomes).toBeGreaterThan(recalling);
    expect(norms).toBeGreaterThan(welcomes);
    expect(texts.some((t) => t.includes('[refrain from destructive tests]'))).toBe(true);
    expect(texts.some((t) => t.includes('Alt 1: Unilateral declarations; andAlt 2: Voluntary'))).toBe(true);
    expect(texts.some((t) => t.includes('⟨previous resolutions⟩'))).toBe(true);
    // The opening word of a PP is italic.
    expect(document).toMatch(/<w:i\/>(?:<w:iCs\/>)?<\/w:rPr><w:t xml:space="preserve">Recalling<\/w:t>/);
    // OPs and sub-paragraphs carry Word numbering at levels 0 and 1; PPs do not.
    expect(document).toMatch(/<w:ilvl w:val="0"\/>/);
    expect(document).toMatch(/<w:ilvl w:val="1"\/>/);
    expect(footer).toContain('PAGE');
    expect(core).toContain('2026-03-15T00:00:00Z');
    expect(document).not.toMatch(/\(proposed\)|\(agreed\)/);
  });

  it('shows status per clause and who proposed each bracket in compilation mode', async () => {
    const { body } = await exportDraft('docx', draft, ROOM, {
      mode: 'compilation',
      date: DATE,
      positions: negotiatedPositions(),
    });
    const texts = paragraphTexts((await readDocx(body)).document);
    expect(texts.find((t) => t.includes('Recalling'))).toMatch(/^PP 1 {2}Recalling .*\(agreed\)$/);
    expect(texts.find((t) => t.includes('refrain'))).toMatch(
      /\[refrain from destructive tests\]Brazil.*\(agreed ad ref\.\)$/,
    );
    expect(texts.find((t) => t.includes('Unilateral'))).toContain('(proposed)');
  });

  it('keeps only agreed clauses without brackets or alternatives in agreed mode', async () => {
    const { body } = await exportDraft('docx', draft, ROOM, { mode: 'agreed', date: DATE });
    const texts = paragraphTexts((await readDocx(body)).document).join('\n');
    expect(texts).toContain('Recalling');
    expect(texts).toContain('Welcomes');
    expect(texts).not.toContain('refrain'); // agreed ad ref. but bracketed
    expect(texts).not.toContain('Reaffirming'); // proposed
    expect(texts).not.toContain('Alt 1');
  });

  it('writes Word tracked changes against the zero draft with the given author', async () => {
    const { body } = await exportDraft('docx', draft, ROOM, {
      mode: 'changes',
      date: DATE,
      against: zero,
      author: 'Chair',
    });
    const { document, settings } = await readDocx(body);
    expect(settings).toContain('<w:trackRevisions/>');
    const ins = [...document.matchAll(/<w:ins [^>]*w:author="([^"]*)"[^>]*>([\s\S]*?)<\/w:ins>/g)];
    const del = [...document.matchAll(/<w:del [^>]*w:author="([^"]*)"[^>]*>([\s\S]*?)<\/w:del>/g)];
    expect(ins.length).toBeGreaterThan(0);
    expect(del.length).toBeGreaterThan(0);
    expect(new Set([...ins, ...del].map((m) => m[1]))).toEqual(new Set(['Chair']));
    expect(ins.map((m) => m[2]).join('')).toContain('vital');
    expect(ins.map((m) => m[2]).join('')).toContain(' the need to avoid');
    const deleted = del
      .map((m) => [...(m[2] ?? '').matchAll(/<w:delText[^>]*>([^<]*)</g)].map((t) => t[1]).join(''))
      .join('');
    expect(deleted).toContain('development');
    expect(deleted).toContain('Taking');
    // A wholly new clause has an inserted paragraph mark; a deleted one a deleted mark.
    expect(document).toMatch(/<w:rPr><w:ins [^>]*w:author="Chair"/);
    expect(document).toMatch(/<w:rPr><w:del [^>]*w:author="Chair"/);
    // Revision ids are unique.
    const ids = [...document.matchAll(/<w:(?:ins|del) w:id="(\d+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('defaults the change author to Plenary', async () => {
    const { body } = await exportDraft('docx', draft, ROOM, { mode: 'changes', date: DATE, against: zero });
    expect((await readDocx(body)).document).toContain('w:author="Plenary"');
  });

  it('is byte-for-byte deterministic for the same input', async () => {
    const a = await exportDraft('docx', draft, ROOM, { mode: 'changes', date: DATE, against: zero });
    const b = await exportDraft('docx', draft, ROOM, { mode: 'changes', date: DATE, against: zero });
    expect(Buffer.from(a.body).equals(Buffer.from(b.body))).toBe(true);
  });

  it('gives safe, well-formed XML for hostile content and keeps Cyrillic and Greek', async () => {
    const { body } = await exportDraft('docx', hostileDraft(), ROOM, { mode: 'clean', date: DATE });
    const { document } = await readDocx(body);
    expect(document).not.toMatch(/<script|<img/);
    expect(document).toContain('&lt;script&gt;');
    expect(document).not.toMatch(/HYPERLINK &quot;(?!https:)/);
    expect(document).toContain('HYPERLINK &quot;https://example.org/a?b=1&amp;c=2&quot;');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: checking they are gone
    expect(document).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/);
    expect(document).toContain('Признавая');
    expect(document).toContain('Αναγνωρίζοντας');
  });

  it('opens in LibreOffice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plenary-docx-'));
    try {
      for (const [name, doc, mode] of [
        ['changes', draft, 'changes'],
        ['hostile', hostileDraft(), 'clean'],
      ] as const) {
        const { body } = await exportDraft('docx', doc, ROOM, { mode, date: DATE, against: zero });
        writeFileSync(join(dir, `${name}.docx`), body);
      }
      execFileSync(
        '/usr/bin/soffice',
        [
          `-env:UserInstallation=file://${dir}/profile`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          join(dir, 'changes.docx'),
          join(dir, 'hostile.docx'),
        ],
        { stdio: 'ignore', timeout: 110_000 },
      );
      expect(existsSync(join(dir, 'changes.pdf'))).toBe(true);
      expect(existsSync(join(dir, 'hostile.pdf'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

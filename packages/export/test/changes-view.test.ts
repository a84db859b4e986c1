import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildModel, diffModels, exportDraft } from '@plenary/export';
import { docFromJSON, type NodeJSON } from '@plenary/schema';
import { describe, expect, it } from 'vitest';
import { DATE, negotiatedDraft, ROOM, zeroDraft } from './fixtures.js';
import { readDocx } from './read-docx.js';

type Json = { type: string; attrs?: Record<string, unknown>; content?: Json[]; text?: string };

const zero = zeroDraft();

/** The negotiated draft with its first OP ("Welcomes …") moved to the end of the last section. */
function withFirstOpMoved(): NodeJSON {
  const doc = structuredClone(negotiatedDraft(zero)) as Json;
  const operative = doc.content?.[1]?.content ?? [];
  const index = operative.findIndex((c) => c.type === 'op');
  const [moved] = operative.splice(index, 1);
  const last = operative[operative.length - 1];
  if (!moved || last?.type !== 'section') throw new Error('the fixture has no OP before its sections');
  last.content?.push(moved);
  return doc as NodeJSON;
}

function text(body: Uint8Array): string {
  return new TextDecoder().decode(body);
}

describe('the changes view', () => {
  it('shows a moved clause as moved, where it now stands, with its words unchanged', () => {
    const model = diffModels(
      buildModel(docFromJSON(zero), 'changes'),
      buildModel(docFromJSON(withFirstOpMoved()), 'changes'),
    );
    const moved = model.operative.filter((b) => b.kind === 'clause' && b.movedFrom !== undefined);
    expect(moved.map((b) => (b.kind === 'clause' ? [b.movedFrom, b.label] : []))).toEqual([['OP 1', 'OP 6']]);
    const runs = moved[0]?.kind === 'clause' ? moved[0].formulations.flatMap((f) => f.runs) : [];
    expect(runs.some((r) => r.change)).toBe(false);
  });

  it('writes the move in Markdown and DOCX, not a deletion and an insertion', async () => {
    const options = { mode: 'changes' as const, date: DATE, against: zero };
    const md = text((await exportDraft('md', withFirstOpMoved(), ROOM, options)).body);
    expect(md).toMatch(/^6\\\. \*Welcomes\* ⟨document⟩; \*\*\\\(moved from OP 1; agreed\\\)\*\*$/m);
    expect(md).not.toMatch(/\{--[^}]*Welcomes/);
    // An inserted clause's number is the draft's, not a tracked insertion.
    expect(md).toMatch(/^1\\\. \{\+\+\*Stresses\*/m);
    const { document } = await readDocx((await exportDraft('docx', withFirstOpMoved(), ROOM, options)).body);
    expect(document).toContain('moved from OP 1; agreed');
    const tracked = [...document.matchAll(/<w:(ins|del) [^>]*>([\s\S]*?)<\/w:\1>/g)].map((m) => m[2]).join('');
    expect(tracked).not.toContain('Welcomes');
  });

  it('numbers DOCX operative paragraphs as the draft does, with no number tracked as a change', async () => {
    const { document } = await readDocx(
      (await exportDraft('docx', negotiatedDraft(zero), ROOM, { mode: 'changes', date: DATE, against: zero })).body,
    );
    expect(document).not.toContain('<w:numPr>');
    const paragraphs = [...document.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/g)].map(
      (m) => m[1] ?? m[2] ?? '',
    );
    const numbers = paragraphs
      .map((p) => p.replace(/<w:pPr>[\s\S]*?<\/w:pPr>/, ''))
      .map((p) => /^(?:(?!<w:ins|<w:del)[\s\S])*?<w:t[^>]*>(\d+\.|\([a-z]+\))\t<\/w:t>/.exec(p)?.[1])
      .filter((n) => n !== undefined);
    expect(numbers).toEqual(['1.', '2.', '3.', '4.', '(a)', '(b)', '(c)', '5.', '6.']);
    const tracked = [...document.matchAll(/<w:(ins|del) [^>]*>([\s\S]*?)<\/w:\1>/g)].map((m) => m[2]).join('');
    expect(tracked).not.toMatch(/<w:(?:del)?[tT]ext[^>]*>(?:\d+\.|\([a-z]+\))\t?</);
  });

  it("writes a moved clause with Word's move markup: moved from where it stood, moved to where it stands", async () => {
    const { body } = await exportDraft('docx', withFirstOpMoved(), ROOM, {
      mode: 'changes',
      date: DATE,
      against: zero,
    });
    const { document } = await readDocx(body);
    const from = /<w:moveFromRangeStart w:id="(\d+)" w:author="([^"]+)" w:date="[^"]+" w:name="(move1)"\/>/.exec(
      document,
    );
    const to = /<w:moveToRangeStart w:id="(\d+)" w:author="([^"]+)" w:date="[^"]+" w:name="(move1)"\/>/.exec(document);
    expect(from).not.toBeNull();
    expect(to).not.toBeNull();
    expect(document).toContain(`<w:moveFromRangeEnd w:id="${from?.[1]}"/>`);
    expect(document).toContain(`<w:moveToRangeEnd w:id="${to?.[1]}"/>`);
    // The moved-from words come first (OP 1's place), as plain text; the moved-to ones at the end.
    const fromAt = document.indexOf('<w:moveFromRangeStart');
    const toAt = document.indexOf('<w:moveToRangeStart');
    expect(fromAt).toBeLessThan(document.indexOf('Stresses'));
    expect(toAt).toBeGreaterThan(document.indexOf('Requests'));
    const movedFrom = /<w:moveFrom w:id="\d+" w:author="[^"]*" w:date="[^"]*">([\s\S]*?)<\/w:moveFrom>/.exec(
      document,
    )?.[1];
    expect(movedFrom).toContain('<w:t xml:space="preserve">Welcomes</w:t>');
    expect(document).toMatch(
      /<w:moveTo w:id="\d+" w:author="Plenary" w:date="[^"]*"><w:r>(?:(?!<\/w:moveTo>)[\s\S])*Welcomes/,
    );
    // Paragraph marks move too; no mark is left for a reader to see.
    expect(document).toMatch(/<w:rPr><w:moveFrom w:id="\d+" w:author="Plenary" w:date="[^"]*"\/><\/w:rPr>/);
    expect(document).toMatch(/<w:rPr><w:moveTo w:id="\d+" w:author="Plenary" w:date="[^"]*"\/><\/w:rPr>/);
    expect(document).not.toContain('\uE000');
    const tracked = [...document.matchAll(/<w:(ins|del) [^>]*>([\s\S]*?)<\/w:\1>/g)].map((m) => m[2]).join('');
    expect(tracked).not.toContain('Welcomes');

    const dir = mkdtempSync(join(tmpdir(), 'plenary-move-'));
    try {
      writeFileSync(join(dir, 'moved.docx'), body);
      execFileSync(
        '/usr/bin/soffice',
        [
          `-env:UserInstallation=file://${dir}/profile`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          join(dir, 'moved.docx'),
        ],
        { stdio: 'ignore', timeout: 110_000 },
      );
      const lines = execFileSync('/usr/bin/pdftotext', ['-layout', join(dir, 'moved.pdf'), '-'])
        .toString('utf8')
        .split('\n');
      // LibreOffice shows both sides: the words left at OP 1's place, and the clause at its new one.
      const at = (words: string) => lines.findIndex((line) => line.includes(words));
      const welcomes = lines.flatMap((line, i) => (line.includes('Welcomes') ? [i] : []));
      expect(welcomes).toHaveLength(2);
      expect(welcomes[0]).toBeLessThan(at('Stresses'));
      expect(welcomes[1]).toBeGreaterThan(at('Requests'));
      expect(lines[welcomes[1] as number]).toContain('moved from OP 1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

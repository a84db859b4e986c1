import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildModel,
  diffModels,
  type ExportFormat,
  type ExportMode,
  exportDraft,
  type Run,
  suggestionIndex,
} from '@plenary/export';
import { docFromJSON, type NodeJSON } from '@plenary/schema';
import { describe, expect, it } from 'vitest';
import { validateAkn } from './akn-schema.js';
import { DATE, ROOM, SUGGESTIONS, suggestedDraft, zeroDraft } from './fixtures.js';
import { readDocx } from './read-docx.js';

const zero = zeroDraft();
const draft = suggestedDraft(zero);
const SOFFICE = '/usr/bin/soffice';

function runs(mode: ExportMode, records = SUGGESTIONS): Run[] {
  const model = buildModel(docFromJSON(draft), mode, suggestionIndex(records));
  return [...model.preamble, ...model.operative].flatMap((b) =>
    b.kind === 'clause' ? b.formulations.flatMap((f) => f.runs) : b.runs,
  );
}

async function text(format: ExportFormat, mode: ExportMode): Promise<string> {
  const { body } = await exportDraft(format, draft, ROOM, {
    mode,
    date: DATE,
    against: zero,
    suggestions: SUGGESTIONS,
  });
  if (format === 'pdf')
    return execFileSync('/usr/bin/pdftotext', ['-layout', '-', '-'], { input: body }).toString('utf8');
  if (format === 'docx') return (await readDocx(body)).document;
  return new TextDecoder().decode(body);
}

/** The `w:ins`/`w:del` elements of a document with their attributes and the text they hold. */
function trackedChanges(document: string): { kind: string; author: string; date: string; text: string }[] {
  return [...document.matchAll(/<w:(ins|del) w:id="\d+" w:author="([^"]*)" w:date="([^"]*)">([\s\S]*?)<\/w:\1>/g)].map(
    (m) => ({
      kind: m[1] ?? '',
      author: m[2] ?? '',
      date: m[3] ?? '',
      text: [...(m[4] ?? '').matchAll(/<w:(?:delT|t)ext[^>]*>([^<]*)<|<w:t(?: [^>]*)?>([^<]*)</g)]
        .map((t) => t[1] ?? t[2] ?? '')
        .join(''),
    }),
  );
}

describe('suggestions in exports', () => {
  it('attributes each suggestion mark to the open record of its id, and a mark without one to nobody', () => {
    const suggested = runs('compilation').filter((r) => r.suggestion);
    expect(suggested.map((r) => [r.text, r.suggestion?.id, r.suggestion?.by?.delegation ?? null])).toEqual([
      [' and escalation', 's-fr', 'France'],
      ['miscalculation', 's-br', 'Brazil'],
      [' with appreciation', 's-ghost', null],
      ['long-lived ', 's-ke', 'Kenya'],
    ]);
    expect(suggested[0]?.suggestion?.by).toEqual({
      delegation: 'France',
      person: 'Jean Dupont',
      createdAt: Date.parse('2026-03-14T09:30:00Z'),
    });
  });

  it('shows a mark whose record is decided or withdrawn, or of the other kind, unattributed', () => {
    const records = SUGGESTIONS.map((r) =>
      r.id === 's-fr'
        ? { ...r, status: 'accepted' as const }
        : r.id === 's-br'
          ? { ...r, kind: 'insertion' as const }
          : r,
    );
    const suggested = runs('compilation', records).filter((r) => r.suggestion);
    expect(suggested.map((r) => [r.suggestion?.id, r.suggestion?.kind, r.suggestion?.by?.delegation ?? null])).toEqual([
      ['s-fr', 'insertion', null],
      ['s-br', 'deletion', null],
      ['s-ghost', 'insertion', null],
      ['s-ke', 'deletion', 'Kenya'],
    ]);
  });

  it('shows text marked for deletion from inside a word as unchanged since the zero draft, only proposed for deletion', () => {
    type Json = { type: string; text?: string; marks?: unknown[]; content?: Json[] };
    const doc = structuredClone(zero) as Json;
    const body = doc.content?.[0]?.content?.[1]?.content?.[0];
    const words = body?.content?.[0]?.text ?? '';
    const at = words.indexOf(', development');
    if (!body || at < 0) throw new Error('PP 2 of the zero draft has changed');
    body.content = [
      { type: 'text', text: words.slice(0, at) },
      { type: 'text', text: ', development', marks: [{ type: 'deletion', attrs: { id: 's-br' } }] },
      { type: 'text', text: words.slice(at + ', development'.length) },
    ];
    const index = suggestionIndex(SUGGESTIONS);
    const model = diffModels(
      buildModel(docFromJSON(zero), 'changes', index),
      buildModel(docFromJSON(doc as NodeJSON), 'changes', index),
    );
    const pp2 = model.preamble[1]?.formulations[0]?.runs ?? [];
    expect(pp2.filter((r) => r.change)).toEqual([]);
    expect(pp2.filter((r) => r.suggestion).map((r) => [r.text, r.suggestion?.by?.delegation])).toEqual([
      [', development', 'Brazil'],
    ]);
  });

  it('writes open suggestions in changes DOCX as Word tracked changes by their delegation, dated when made', async () => {
    const document = await text('docx', 'changes');
    const changes = trackedChanges(document);
    expect(changes).toContainEqual({
      kind: 'ins',
      author: 'France (Jean Dupont)',
      date: '2026-03-14T09:30:00Z',
      text: 'and escalation ',
    });
    expect(changes).toContainEqual({
      kind: 'del',
      author: 'Brazil',
      date: '2026-03-14T10:00:00Z',
      text: 'miscalculation',
    });
    expect(changes).toContainEqual({
      kind: 'ins',
      author: 'unattributed',
      date: '2026-03-15T00:00:00Z',
      text: ' with appreciation',
    });
    // Kenya proposes deleting words inserted since the zero draft: a deletion inside the insertion.
    expect(document).toMatch(
      /<w:ins w:id="\d+" w:author="Plenary" w:date="2026-03-15T00:00:00Z"><w:del w:id="\d+" w:author="Kenya \(Ms\. Achieng\)" w:date="2026-03-14T11:15:00Z"><w:r>(?:<w:rPr>[\s\S]*?<\/w:rPr>)?<w:delText xml:space="preserve">long-lived <\/w:delText><\/w:r><\/w:del><\/w:ins>/,
    );
    // Tracked changes carry no formatting of their own, and no tag is written into the text.
    expect(document).not.toMatch(/00703C|C00000|<w:u |<w:strike/);
    expect(document).not.toMatch(/<w:t[^>]*>(?:France|Brazil|Kenya|unattributed)<\/w:t>/);
  });

  it('keeps the changes since the zero draft that no suggestion accounts for by the export author', async () => {
    const changes = trackedChanges(await text('docx', 'changes'));
    const stresses = changes.find((c) => c.text.startsWith('Stresses'));
    expect(stresses).toMatchObject({ kind: 'ins', author: 'Plenary', date: '2026-03-15T00:00:00Z' });
    expect(changes.filter((c) => c.author === 'France (Jean Dupont)').map((c) => c.text)).toEqual(['and escalation ']);
  });

  it('shows each suggestion inline with its delegation in compilation mode', async () => {
    const md = await text('md', 'compilation');
    expect(md).toContain('misunderstanding {++and escalation++}{>>France<<} and {--miscalculation--}{>>Brazil<<} in');
    expect(md).toContain('{++with appreciation++}{>>unattributed<<}');
    expect(md).toContain('{--long\\-lived--}{>>Kenya<<} debris');

    const html = await text('html', 'compilation');
    expect(html).toContain(
      '<ins class="suggestion" data-suggestion="s-fr" data-delegation="France" title="France (Jean Dupont), 2026-03-14T09:30:00Z">and escalation</ins><sup class="suggested-by insertion">France</sup>',
    );
    expect(html).toContain(
      '<del class="suggestion" data-suggestion="s-br" data-delegation="Brazil" title="Brazil, 2026-03-14T10:00:00Z">miscalculation</del><sup class="suggested-by deletion">Brazil</sup>',
    );
    expect(html).toContain(
      '<ins class="suggestion" data-suggestion="s-ghost" title="unattributed"> with appreciation</ins><sup class="suggested-by insertion">unattributed</sup>',
    );

    const pdf = (await text('pdf', 'compilation')).replace(/\s+/g, ' ');
    expect(pdf).toContain('misunderstanding and escalationFrance and miscalculationBrazil in outer space');
    expect(pdf).toContain('with appreciationunattributed');

    const docx = await text('docx', 'compilation');
    expect(docx).not.toMatch(/<w:(?:ins|del) /);
    expect(docx).toMatch(
      /<w:u w:val="single"\/>[\s\S]{0,120}<w:t xml:space="preserve">and escalation<\/w:t><\/w:r><w:r><w:rPr>(?:(?!<\/w:rPr>)[\s\S])*<w:vertAlign w:val="superscript"\/>(?:(?!<\/w:rPr>)[\s\S])*<\/w:rPr><w:t xml:space="preserve">France<\/w:t>/,
    );
    expect(docx).toMatch(
      /<w:strike\/>[\s\S]{0,120}<w:t xml:space="preserve">miscalculation<\/w:t>[\s\S]{0,300}>Brazil<\/w:t>/,
    );
  });

  it('tags suggestions in the inline changes views, where tracked changes have no author', async () => {
    expect(await text('md', 'changes')).toContain('{++and escalation++}{>>France<<}');
    const akn = await text('akn', 'changes');
    expect(akn).toContain(
      '<ins class="suggestion" refersTo="#delegation_France #person_Jean-Dupont" title="France (Jean Dupont), 2026-03-14T09:30:00Z">and escalation</ins><sup class="suggestedBy">France</sup>',
    );
    expect(akn).toContain(
      '<TLCOrganization eId="delegation_France" href="/akn/ontology/organizations/un/France" showAs="France"/>',
    );
    expect(akn).toContain(
      '<TLCPerson eId="person_Jean-Dupont" href="/akn/ontology/persons/un/Jean-Dupont" showAs="Jean Dupont"/>',
    );
    // Words inserted since the zero draft that Kenya proposes to delete are both.
    expect(akn).toMatch(
      /<ins><del class="suggestion" refersTo="#delegation_Kenya #person_Ms\.-Achieng"[^>]*>long-lived<\/del><\/ins><sup class="suggestedBy">Kenya<\/sup><ins> <\/ins>/,
    );
  });

  it('keeps Akoma Ntoso with attributed suggestions valid against the AKN 3.0 schema', async () => {
    for (const mode of ['clean', 'changes', 'agreed'] as const) {
      const { body } = await exportDraft('akn', draft, ROOM, {
        mode,
        date: DATE,
        against: zero,
        suggestions: SUGGESTIONS,
      });
      expect(validateAkn(body), mode).toBe('');
    }
  });

  for (const mode of ['clean', 'agreed'] as const)
    it(`applies no open suggestion in ${mode} mode: insertions absent, deletions kept, nothing marked`, async () => {
      for (const format of ['md', 'html', 'pdf', 'docx', 'akn'] as const) {
        const out = await text(format, mode);
        const flat = format === 'pdf' ? out.replace(/\s+/g, ' ') : out;
        expect(flat, format).toContain('misunderstanding and miscalculation in outer space,');
        expect(flat, format).not.toMatch(/escalation|with appreciation|France|Brazil|unattributed/);
        expect(flat, format).not.toMatch(/\{\+\+|\{--|<ins|<del|class="suggestion"|<w:ins |<w:del |<w:strike|<w:u /);
      }
    });

  it.skipIf(!existsSync(SOFFICE))(
    'has LibreOffice read the tracked changes with their delegations as authors',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'plenary-suggestions-'));
      try {
        const { body } = await exportDraft('docx', draft, ROOM, {
          mode: 'changes',
          date: DATE,
          against: zero,
          suggestions: SUGGESTIONS,
        });
        writeFileSync(join(dir, 'changes.docx'), body);
        execFileSync(
          SOFFICE,
          [
            `-env:UserInstallation=file://${dir}/profile`,
            '--headless',
            '--convert-to',
            'fodt',
            '--outdir',
            dir,
            join(dir, 'changes.docx'),
          ],
          { stdio: 'ignore', timeout: 110_000 },
        );
        const fodt = readFileSync(join(dir, 'changes.fodt'), 'utf8');
        const regions = [...fodt.matchAll(/<text:changed-region[\s\S]*?<\/text:changed-region>/g)].map((m) => m[0]);
        const authorOf = (kind: string) =>
          regions
            .filter((r) => r.includes(`<text:${kind}>`))
            .map((r) => /<dc:creator>([^<]*)<\/dc:creator>/.exec(r)?.[1]);
        expect(authorOf('insertion')).toEqual(
          expect.arrayContaining(['France (Jean Dupont)', 'unattributed', 'Plenary']),
        );
        expect(authorOf('deletion')).toEqual(expect.arrayContaining(['Brazil', 'Kenya (Ms. Achieng)']));
        const france = regions.find((r) => r.includes('France (Jean Dupont)'));
        expect(france).toContain('<dc:date>2026-03-14T09:30:00</dc:date>');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});

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
});

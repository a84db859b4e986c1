import { type ExportComment, exportDraft } from '@plenary/export';
import type { NodeJSON } from '@plenary/schema';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { DATE, ROOM, zeroDraft } from './fixtures.js';

const draft = zeroDraft();
const text = (body: Uint8Array): string => new TextDecoder().decode(body);

/** The id of the first clause of `type` in the draft. */
function firstId(json: NodeJSON, type: string): string {
  const walk = (node: NodeJSON): string | null => {
    if (node.type === type && typeof node.attrs?.id === 'string') return node.attrs.id;
    for (const child of node.content ?? []) {
      const found = walk(child);
      if (found) return found;
    }
    return null;
  };
  return walk(json) ?? '';
}

const HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(2)>\n[x](javascript:alert(3)) ]]></w:t>';
const comments: ExportComment[] = [
  {
    clauseId: firstId(draft, 'op'),
    quote: 'Welcomes',
    status: 'open',
    visibility: 'room',
    delegation: 'Ghana',
    messages: [
      { author: 'Ghana', body: 'Too broad.\nSecond line', createdAt: 1_700_000_000_000 },
      { author: 'Peru (Luis)', body: HOSTILE, createdAt: 1_700_000_100_000 },
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

describe('comments in exports', () => {
  it('writes notes under their clause in compilation HTML, escaped, and orphaned ones at the end', async () => {
    const html = text((await exportDraft('html', draft, ROOM, { mode: 'compilation', date: DATE, comments })).body);
    expect(html).toContain('Comment (open) on “Welcomes”');
    expect(html).toContain('<strong>Ghana:</strong> Too broad.<br>Second line');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script|<img|href="javascript/i);
    expect(html.indexOf('Too broad.')).toBeGreaterThan(html.indexOf('Welcomes'));
    expect(html.indexOf('Orphaned note')).toBeGreaterThan(html.indexOf('Comments on deleted clauses'));
    expect(html).toContain('Comment (resolved, Ghana only)');
  });

  it('writes notes as escaped block quotes in Markdown', async () => {
    const md = text((await exportDraft('md', draft, ROOM, { mode: 'compilation', date: DATE, comments })).body);
    expect(md).toContain('> **Ghana:** Too broad\\.  \n> Second line');
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('](javascript');
  });

  it('leaves comments out of the clean and agreed modes', async () => {
    for (const mode of ['clean', 'agreed'] as const) {
      const html = text((await exportDraft('html', draft, ROOM, { mode, date: DATE, comments })).body);
      expect(html).not.toContain('Too broad');
    }
  });

  it('writes real Word comments on the clause in DOCX, in changes mode too', async () => {
    for (const mode of ['compilation', 'changes'] as const) {
      const { body } = await exportDraft('docx', draft, ROOM, { mode, date: DATE, comments, against: draft });
      const zip = await JSZip.loadAsync(body);
      const part = (await zip.file('word/comments.xml')?.async('string')) ?? '';
      const document = (await zip.file('word/document.xml')?.async('string')) ?? '';
      expect(part).toContain('w:author="Ghana"');
      expect(part).toContain('Too broad.');
      expect(part).toContain('&lt;script&gt;');
      expect(part).not.toContain('<script');
      expect(document).toContain('<w:commentRangeStart w:id="0"/>');
      expect(document).toContain('<w:commentReference w:id="1"/>');
    }
  });

  it('writes notes into the PDF without failing', async () => {
    const { body } = await exportDraft('pdf', draft, ROOM, { mode: 'compilation', date: DATE, comments });
    expect(text(body.slice(0, 5))).toBe('%PDF-');
  });
});

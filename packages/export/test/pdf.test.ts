import { execFileSync } from 'node:child_process';
import { exportDraft } from '@plenary/export';
import { describe, expect, it } from 'vitest';
import { DATE, hostileDraft, negotiatedDraft, ROOM, zeroDraft } from './fixtures.js';

const zero = zeroDraft();
const draft = negotiatedDraft(zero);

function pdfText(body: Uint8Array): string {
  return execFileSync('/usr/bin/pdftotext', ['-layout', '-', '-'], { input: body }).toString('utf8');
}

describe('PDF export', () => {
  it('is a deterministic PDF with an embedded font and fixed dates', async () => {
    const a = await exportDraft('pdf', draft, ROOM, { mode: 'clean', date: DATE });
    const b = await exportDraft('pdf', draft, ROOM, { mode: 'clean', date: DATE });
    expect(a.contentType).toBe('application/pdf');
    expect(a.fileName).toBe('A-AC.294-2026-WP.1-current-clean.pdf');
    const raw = Buffer.from(a.body).toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    expect(raw).toContain('/FontFile2');
    expect(raw).toContain('D:20260315000000Z');
    expect(Buffer.from(a.body).equals(Buffer.from(b.body))).toBe(true);
  });

  it('holds the layout and text in order', async () => {
    const out = pdfText((await exportDraft('pdf', draft, ROOM, { mode: 'compilation', date: DATE })).body);
    const order = [
      'A/AC.294/2026/WP.1',
      '15 March 2026',
      'Norms of responsible',
      'PP 1',
      'Recalling',
      '1.',
      'Welcomes',
      'Norms',
      'refrain from destructive tests',
      '(agreed ad ref.)',
      '(b)',
      'Alt 1:',
      'Implementation',
    ];
    let at = -1;
    for (const s of order) {
      const next = out.indexOf(s, at + 1);
      expect(next, s).toBeGreaterThan(at);
      at = next;
    }
  });

  it('renders Cyrillic and Greek and drops control characters', async () => {
    const out = pdfText((await exportDraft('pdf', hostileDraft(), ROOM, { mode: 'clean', date: DATE })).body);
    expect(out).toContain('Признавая');
    expect(out).toContain('Αναγνωρίζοντας');
    expect(out).toContain('<script>alert(1)</script>');
    const raw = Buffer.from(
      (await exportDraft('pdf', hostileDraft(), ROOM, { mode: 'clean', date: DATE })).body,
    ).toString('latin1');
    expect(raw).not.toContain('javascript:');
    expect(raw).toContain('(https://example.org/a?b=1&c=2)');
  });
});

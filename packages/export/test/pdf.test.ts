import { execFileSync } from 'node:child_process';
import { exportDraft } from '@plenary/export';
import type { NodeJSON } from '@plenary/schema';
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

interface WordBox {
  readonly word: string;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** Every word's box on each page, as poppler lays the PDF out. */
function wordBoxes(body: Uint8Array): WordBox[][] {
  const xhtml = execFileSync('/usr/bin/pdftotext', ['-bbox', '-', '-'], { input: body }).toString('utf8');
  const word = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  return xhtml
    .split('<page')
    .slice(1)
    .map((page) =>
      [...page.matchAll(word)].map((m) => ({
        word: m[5] ?? '',
        x0: Number(m[1]),
        y0: Number(m[2]),
        x1: Number(m[3]),
        y1: Number(m[4]),
      })),
    );
}

function overlaps(a: WordBox, b: WordBox): boolean {
  const across = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const down = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return across > 0.5 && down > 0.5;
}

type Json = { type: string; attrs?: Record<string, unknown>; content?: Json[]; marks?: unknown[]; text?: string };

/** The zero draft with OP 1 lengthened by `words` pairs of words and a bracket near its end. */
function lengthened(words: number): NodeJSON {
  const doc = structuredClone(zero) as Json;
  const op1 = doc.content?.[1]?.content?.find((c) => c.type === 'op');
  if (!op1) throw new Error('the template has no OP 1');
  op1.content = [
    {
      type: 'body',
      content: [
        { type: 'text', text: `Welcomes the ${'norms and rules '.repeat(words)}that States ` },
        { type: 'text', text: 'refrain', marks: [{ type: 'bracket', attrs: { id: 'b1' } }] },
        { type: 'text', text: ' from testing;' },
      ],
    },
  ];
  return doc as NodeJSON;
}

describe('PDF layout', () => {
  it('never lets a status or bracket tag overlap other text, wherever its line breaks', async () => {
    const collisions: string[] = [];
    for (let words = 0; words < 24; words++) {
      for (const mode of ['compilation', 'changes'] as const) {
        const options = { mode, date: DATE, ...(mode === 'changes' ? { against: zero } : {}) };
        const { body } = await exportDraft('pdf', lengthened(words), ROOM, options);
        for (const page of wordBoxes(body))
          page.forEach((a, i) => {
            for (const b of page.slice(i + 1))
              if (overlaps(a, b)) collisions.push(`${mode}, ${words} pairs: "${a.word}" / "${b.word}"`);
          });
      }
    }
    expect(collisions).toEqual([]);
  }, 60_000);
});

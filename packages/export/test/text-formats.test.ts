import { documentHash, exportDraft } from '@plenary/export';
import { describe, expect, it } from 'vitest';
import { DATE, hostileDraft, negotiatedDraft, negotiatedPositions, ROOM, zeroDraft } from './fixtures.js';

const zero = zeroDraft();
const draft = negotiatedDraft(zero);
const text = (body: Uint8Array): string => new TextDecoder().decode(body);

describe('HTML export', () => {
  it('is a standalone document in document order with print styles', async () => {
    const { body, contentType, fileName } = await exportDraft('html', draft, ROOM, { mode: 'clean', date: DATE });
    const html = text(body);
    expect(contentType).toBe('text/html; charset=utf-8');
    expect(fileName).toBe('A-AC.294-2026-WP.1-current-clean.html');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('@media print');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|<link|src=/);
    const order = [
      'A/AC.294/2026/WP.1',
      '15 March 2026',
      '<h1>',
      '<em>Recalling</em>',
      'Welcomes',
      '<h2>Norms</h2>',
      'refrain',
      '<h2>Implementation</h2>',
    ];
    const at = order.map((s) => html.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(html).toContain('<span class="num">(b)</span>');
    expect(html).toContain(
      '<span class="alt-label">Alt 1:</span> Unilateral declarations; and<br><span class="alt-label">Alt 2:</span>',
    );
    expect(html).not.toContain('class="status"');
  });

  it('shows status and who proposed each bracket in compilation mode and changes inline', async () => {
    const compilation = text(
      (await exportDraft('html', draft, ROOM, { mode: 'compilation', date: DATE, positions: negotiatedPositions() }))
        .body,
    );
    expect(compilation).toContain('<span class="status">(agreed ad ref.)</span>');
    expect(compilation).toContain(']<sup class="tag">Brazil</sup>');
    const changes = text((await exportDraft('html', draft, ROOM, { mode: 'changes', date: DATE, against: zero })).body);
    expect(changes).toMatch(/<ins>vital ?<\/ins>/);
    expect(changes).toMatch(/<p class="pp" id="[^"]+" data-change="del">/);
  });

  it('escapes hostile content and drops disallowed links', async () => {
    const html = text((await exportDraft('html', hostileDraft(), ROOM, { mode: 'clean', date: DATE })).body);
    expect(html).not.toMatch(/<script|<img|javascript:alert|href="javascript/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html).toContain('<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer nofollow">safe</a>');
    expect(html).toContain('click me');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: checking they are gone
    expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/);
    expect(html).toContain('Признавая');
  });
});

describe('Markdown export', () => {
  it('numbers operative paragraphs with escaped labels and keeps order', async () => {
    const md = text((await exportDraft('md', draft, ROOM, { mode: 'clean', date: DATE })).body);
    expect(md).toContain('# Norms of responsible behaviour in outer space');
    expect(md).toContain('*Recalling* ⟨previous resolutions⟩,');
    expect(md).toMatch(/^1\\\. \*Welcomes\*/m);
    expect(md).toMatch(/^2\\\. \*Stresses\* the need/m);
    expect(md).toMatch(/^\u00a0{4}\\\(b\\\) \*\*Alt 1:\*\* Unilateral/m);
    expect(md).toContain('\\[refrain from destructive tests\\]');
    expect(md.indexOf('## Norms')).toBeLessThan(md.indexOf('## Implementation'));
  });

  it('uses CriticMarkup for changes and escapes hostile content', async () => {
    const md = text((await exportDraft('md', draft, ROOM, { mode: 'changes', date: DATE, against: zero })).body);
    expect(md).toContain('{++vital++}');
    expect(md).toContain('{--*Taking note*--}');
    const hostile = text((await exportDraft('md', hostileDraft(), ROOM, { mode: 'clean', date: DATE })).body);
    expect(hostile).not.toMatch(/<script|<img|\]\(javascript/);
    expect(hostile).toContain('&lt;script');
    expect(hostile).toContain('[safe](https://example.org/a?b=1&c=2)');
  });
});

describe('JSON export', () => {
  it('holds the schema document, the room record and its sha256', async () => {
    const { body, contentType } = await exportDraft('json', draft, ROOM, { mode: 'clean', date: DATE });
    expect(contentType).toBe('application/json; charset=utf-8');
    const json = JSON.parse(text(body));
    expect(json.format).toBe('plenary-draft');
    expect(json.room).toEqual({ title: ROOM.title, symbol: ROOM.symbol, stage: ROOM.stage });
    expect(json.date).toBe('2026-03-15T00:00:00Z');
    expect(json.document.type).toBe('doc');
    expect(json.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(json.sha256).toBe(documentHash(json.document));
  });

  it('cleans characters invalid in XML from hostile content', async () => {
    const raw = text((await exportDraft('json', hostileDraft(), ROOM, { mode: 'clean', date: DATE })).body);
    expect(raw).not.toMatch(/\\u0000|\\ud800|\\udfff|\\u0007/i);
    expect(raw).toContain('Признавая');
  });
});

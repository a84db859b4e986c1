import {
  DRAFT_FRAGMENT,
  docFromFragment,
  docFromJSON,
  listClauses,
  readClauseAttrs,
  readStatus,
  readTags,
  safeHref,
  schema,
} from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { draftJSON } from './fixtures.js';

const JAVASCRIPT_SPELLINGS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  '\u0000javascript:alert(1)',
  '\u0001\u001f javascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  'java\rscript:alert(1)',
  '&#106;avascript:alert(1)',
  '&#x6A;avascript:alert(1)',
  '&#0000106;avascript:alert(1)',
  'javascript&colon;alert(1)',
  'java&Tab;script:alert(1)',
  '&amp;#106;avascript:alert(1)',
  'javascript:alert(1)\u0000',
  '\ufeffjavascript:alert(1)',
  'vbscript:msgbox(1)',
  'data:text/html,<script>alert(1)</script>',
  'file:///etc/passwd',
  '//evil.example/x',
  '/relative',
  'https:',
  'mailto:',
  'x'.repeat(5000),
];

const CASES = JAVASCRIPT_SPELLINGS.map((href) => [JSON.stringify(href).slice(0, 48), href] as const);

/** Every href an element of the rendered document would carry. */
function renderedHrefs(doc: PMNode): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  doc.descendants((node) => {
    for (const mark of node.marks) {
      const spec = mark.type.spec.toDOM?.(mark, true);
      if (Array.isArray(spec) && typeof spec[1] === 'object' && spec[1] !== null) {
        const attrs = spec[1] as Record<string, unknown>;
        if ('href' in attrs) out.push(String(attrs.href));
        else if (spec[0] === 'a') out.push(undefined);
      }
    }
  });
  return out;
}

function linkDoc(href: unknown) {
  return draftJSON(
    [],
    [
      {
        type: 'op',
        attrs: { id: 'o1' },
        content: [
          { type: 'body', content: [{ type: 'text', text: 'click me', marks: [{ type: 'link', attrs: { href } }] }] },
        ],
      },
    ],
  );
}

describe('hostile attribute values', () => {
  it.each(CASES)('refuses the href %s', (_title, href) => {
    expect(safeHref(href)).toBeNull();
  });

  it('accepts http, https and mailto links', () => {
    expect(safeHref('https://un.org/a?b=c#d')).toBe('https://un.org/a?b=c#d');
    expect(safeHref(' HTTP://example.org ')).toBe('HTTP://example.org');
    expect(safeHref('mailto:chair@example.org')).toBe('mailto:chair@example.org');
  });

  it.each(CASES)('renders no active link and keeps the text for %s', (_title, href) => {
    // Straight into the schema (as y-prosemirror would build it), bypassing the sanitizer.
    const raw = schema.nodeFromJSON(linkDoc(href));
    expect(raw.textContent).toBe('click me');
    expect(renderedHrefs(raw)).toEqual([]);
    const sanitized = docFromJSON(linkDoc(href));
    expect(sanitized.textContent).toBe('click me');
    expect(JSON.stringify(sanitized.toJSON())).not.toMatch(/script|data:|file:/i);
  });

  it('reads unknown status, tags and ids as safe defaults', () => {
    expect(readStatus('AGREED')).toBe('proposed');
    expect(readStatus({ toString: () => 'agreed' })).toBe('proposed');
    expect(readTags('no-debris bogus no-debris <b>')).toEqual(['no-debris']);
    expect(readTags('x'.repeat(100_000))).toEqual([]);
    const doc = schema.nodeFromJSON(
      draftJSON(
        [],
        [
          {
            type: 'op',
            attrs: { id: 'x'.repeat(10_000), status: 'agreed!', tags: ['no-debris', 5] },
            content: [{ type: 'body' }],
          },
        ],
      ),
    );
    const op = listClauses(doc)[0];
    expect(op && readClauseAttrs(op.node)).toEqual({ id: null, status: 'proposed', tags: ['no-debris'] });
  });

  it('keeps the text of unknown node and mark names arriving through Yjs', () => {
    const ydoc = new Y.Doc();
    const fragment = ydoc.getXmlFragment(DRAFT_FRAGMENT);
    const script = new Y.XmlElement('script');
    const text = new Y.XmlText();
    text.insert(0, 'kept words', { blink: {}, link: { href: 'javascript:alert(1)' } });
    script.insert(0, [text]);
    const preamble = new Y.XmlElement('preamble');
    const pp = new Y.XmlElement('pp');
    pp.setAttribute('status', 'agreed');
    const weird = new Y.XmlElement('marquee');
    const inner = new Y.XmlText();
    inner.insert(0, 'Recalling,');
    weird.insert(0, [inner]);
    pp.insert(0, [weird]);
    preamble.insert(0, [pp]);
    fragment.insert(0, [preamble, script]);

    const doc = docFromFragment(fragment);
    doc.check();
    expect(doc.textContent).toContain('kept words');
    expect(doc.textContent).toContain('Recalling,');
    expect(renderedHrefs(doc)).toEqual([]);
    expect(listClauses(doc).map((c) => [c.kind, c.status])).toEqual([
      ['pp', 'agreed'],
      ['op', 'proposed'],
    ]);
  });

  it('keeps huge text and survives deep nesting', () => {
    const big = 'a'.repeat(1_000_000);
    let deep: Record<string, unknown> = { type: 'text', text: 'deep' };
    for (let i = 0; i < 20_000; i++) deep = { type: 'wrap', content: [deep] };
    const doc = docFromJSON({ type: 'doc', content: [{ type: 'text', text: big }, deep] });
    expect(doc.textContent).toBe(`${big}deep`);
  });
});

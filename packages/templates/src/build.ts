import { type CriterionTag, type MarkJSON, type NodeJSON, writeTags } from '@plenary/schema';

/**
 * Inline content from template text: `⟨label⟩` becomes placeholder-marked text `label`, and
 * `*words*` becomes emphasis. Everything else is plain text.
 */
export function inline(text: string): NodeJSON[] {
  const out: NodeJSON[] = [];
  const pattern = /⟨([^⟩]+)⟩|\*([^*]+)\*/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > last) out.push({ type: 'text', text: text.slice(last, index) });
    const [, label, emphasis] = match;
    const marks: MarkJSON[] = label ? [{ type: 'placeholder', attrs: { label } }] : [{ type: 'em' }];
    out.push({ type: 'text', text: label ?? emphasis ?? '', marks });
    last = index + match[0].length;
  }
  if (last < text.length) out.push({ type: 'text', text: text.slice(last) });
  return out;
}

function body(text: string): NodeJSON {
  const content = inline(text);
  return content.length > 0 ? { type: 'body', content } : { type: 'body' };
}

function clauseAttrs(id: string, tags: readonly CriterionTag[]): Record<string, unknown> {
  return { id, status: 'proposed', tags: writeTags(tags) };
}

/** A preambular paragraph. */
export function pp(id: string, text: string, tags: readonly CriterionTag[] = []): NodeJSON {
  return { type: 'pp', attrs: clauseAttrs(id, tags), content: [body(text)] };
}

/** An operative paragraph with optional sub-paragraphs (a), (b) …. */
export function op(
  id: string,
  text: string,
  tags: readonly CriterionTag[] = [],
  subs: readonly NodeJSON[] = [],
): NodeJSON {
  return { type: 'op', attrs: clauseAttrs(id, tags), content: [body(text), ...subs] };
}

/** A sub-paragraph (a), with optional (i), (ii) … given as strings. */
export function sub(id: string, text: string, items: readonly [string, string][] = []): NodeJSON {
  const children = items.map(([itemId, itemText]) => ({
    type: 'subsubparagraph',
    attrs: clauseAttrs(itemId, []),
    content: [body(itemText)],
  }));
  return { type: 'subparagraph', attrs: clauseAttrs(id, []), content: [body(text), ...children] };
}

/** A narrative paragraph (unnumbered; for reports and summaries). */
export function paragraph(text: string): NodeJSON {
  const content = inline(text);
  return content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
}

/** A headed section of the operative part. */
export function section(id: string, heading: string, items: readonly NodeJSON[]): NodeJSON {
  return {
    type: 'section',
    attrs: { id },
    content: [{ type: 'heading', content: [{ type: 'text', text: heading }] }, ...items],
  };
}

/** A whole draft. */
export function draft(preamble: readonly NodeJSON[], operative: readonly NodeJSON[]): NodeJSON {
  return {
    type: 'doc',
    content: [
      preamble.length > 0 ? { type: 'preamble', content: preamble } : { type: 'preamble' },
      operative.length > 0 ? { type: 'operative', content: operative } : { type: 'operative' },
    ],
  };
}

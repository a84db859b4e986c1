import type { Node as PMNode } from 'prosemirror-model';
import { writeTags } from './attrs.js';
import { readId } from './ids.js';
import { inlineOf } from './inline.js';
import { asRecord, childrenOf } from './json.js';
import { type ClauseNodeName, schema } from './schema.js';
import { readStatus } from './status.js';

const { nodes: N } = schema;

/** Where loose content lands: clauses found anywhere keep their kind and order within it. */
interface Parts {
  readonly preamble: PMNode[];
  readonly operative: PMNode[];
}

const SUB_OF: Readonly<Record<ClauseNodeName, ClauseNodeName | null>> = {
  pp: null,
  op: 'subparagraph',
  subparagraph: 'subsubparagraph',
  subsubparagraph: null,
};

function clauseAttrsOf(json: Record<string, unknown>): Record<string, unknown> {
  const attrs = asRecord(json.attrs) ?? {};
  const tags = typeof attrs.tags === 'string' || Array.isArray(attrs.tags) ? writeTags(toStrings(attrs.tags)) : '';
  return { id: readId(attrs.id), status: readStatus(attrs.status), tags };
}

function toStrings(value: unknown): string[] {
  if (typeof value === 'string') return value.length > 4096 ? [] : value.split(/[\s,]+/);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function idAttrs(json: Record<string, unknown>): { id: string | null } {
  return { id: readId(asRecord(json.attrs)?.id) };
}

function body(inline: readonly PMNode[]): PMNode {
  return N.body.create(null, inline);
}

function alternatives(json: Record<string, unknown>): PMNode {
  const alts: PMNode[] = [];
  for (const child of childrenOf(json)) {
    const c = asRecord(child);
    if (!c) continue;
    if (c.type === 'alternative') alts.push(N.alternative.create(idAttrs(c), body(inlineOf(c, N.body))));
    else {
      const inline = inlineOf(c, N.body);
      if (inline.length > 0) alts.push(N.alternative.create(null, body(inline)));
    }
  }
  if (alts.length === 0) alts.push(N.alternative.create(null, body([])));
  return N.alternatives.create(idAttrs(json), alts);
}

/** Builds a clause of `kind` from untrusted JSON of any type, keeping all its text. */
function clause(kind: ClauseNodeName, json: Record<string, unknown>): PMNode {
  let text: PMNode | null = null;
  const loose: PMNode[] = [];
  const subs: PMNode[] = [];
  const subKind = SUB_OF[kind];
  const addLoose = (nodes: PMNode[]) => {
    if (nodes.length === 0) return;
    if (loose.length > 0 || text?.type === N.body) loose.push(schema.text(' '));
    loose.push(...nodes);
  };
  for (const child of childrenOf(json)) {
    const c = asRecord(child);
    if (!c) continue;
    if (!text && c.type === 'body') text = body(inlineOf(c, N.body));
    else if (!text && c.type === 'alternatives') text = alternatives(c);
    else if (subKind && (c.type === 'subparagraph' || c.type === 'subsubparagraph')) subs.push(clause(subKind, c));
    else addLoose(inlineOf(c, N.body));
  }
  if (loose.length > 0) {
    if (!text) text = body(loose[0]?.text === ' ' ? loose.slice(1) : loose);
    else if (text.type === N.body) text = body([...text.content.content, ...loose]);
    else text = N.alternatives.create(text.attrs, [...text.content.content, N.alternative.create(null, body(loose))]);
  }
  return N[kind].create(clauseAttrsOf(json), [text ?? body([]), ...subs]);
}

function heading(json: Record<string, unknown>): PMNode {
  return N.heading.create(null, inlineOf(json, N.heading));
}

/** Builds a section; nested sections are flattened into it (their headings become paragraphs). */
function section(json: Record<string, unknown>): PMNode {
  let head: PMNode | null = null;
  const items: PMNode[] = [];
  const visit = (children: readonly unknown[], depth: number) => {
    for (const child of children) {
      const c = asRecord(child);
      if (!c) continue;
      if (c.type === 'heading' && !head) head = heading(c);
      else if (c.type === 'op' || c.type === 'pp' || c.type === 'subparagraph' || c.type === 'subsubparagraph')
        items.push(clause('op', c));
      else if (depth < MAX_WRAPPER_DEPTH && (c.type === 'section' || (isUnknown(c.type) && hasBlockChildren(c))))
        visit(childrenOf(c), depth + 1);
      else {
        const inline = inlineOf(c, N.paragraph);
        if (inline.length > 0 || c.type === 'paragraph') items.push(N.paragraph.create(null, inline));
      }
    }
  };
  visit(childrenOf(json), 0);
  return N.section.create(idAttrs(json), [head ?? N.heading.create(), ...items]);
}

function isUnknown(type: unknown): boolean {
  return typeof type !== 'string' || !(type in schema.nodes);
}

function hasBlockChildren(json: Record<string, unknown>): boolean {
  return childrenOf(json).some((c) => {
    const r = asRecord(c);
    return r !== null && r.type !== 'text';
  });
}

/** Past this depth of wrappers, content is flattened into one clause (its text is kept). */
const MAX_WRAPPER_DEPTH = 64;

/** Routes one untrusted block into the preamble or the operative part. */
function route(value: unknown, parts: Parts, fallback: 'pp' | 'op', depth = 0): void {
  const json = asRecord(value);
  if (!json) return;
  const container = depth < MAX_WRAPPER_DEPTH;
  switch (container ? json.type : undefined) {
    case 'doc':
      for (const child of childrenOf(json)) route(child, parts, 'op', depth + 1);
      return;
    case 'preamble':
      for (const child of childrenOf(json)) route(child, parts, 'pp', depth + 1);
      return;
    case 'operative':
      for (const child of childrenOf(json)) route(child, parts, 'op', depth + 1);
      return;
    case 'pp':
      parts.preamble.push(clause('pp', json));
      return;
    case 'op':
      parts.operative.push(clause('op', json));
      return;
    case 'section':
      parts.operative.push(section(json));
      return;
    case 'heading':
      parts.operative.push(N.section.create(null, [heading(json)]));
      return;
    default:
      if (container && isUnknown(json.type) && hasBlockChildren(json)) {
        for (const child of childrenOf(json)) route(child, parts, fallback, depth + 1);
        return;
      }
      if (inlineOf(json, N.body).length === 0 && json.type !== 'subparagraph' && json.type !== 'subsubparagraph')
        return;
      // Sub-paragraphs, bodies, paragraphs, alternatives, text and unknown text holders.
      (fallback === 'pp' ? parts.preamble : parts.operative).push(
        clause(fallback, json.type === 'subparagraph' || json.type === 'subsubparagraph' ? json : { content: [json] }),
      );
  }
}

/** An empty but valid draft: an empty preamble and an empty operative part. */
export function emptyDoc(): PMNode {
  return N.doc.create(null, [N.preamble.create(), N.operative.create()]);
}

/**
 * Builds a valid document from untrusted JSON. Never throws: unknown nodes are unwrapped
 * (their text kept), clauses out of place are moved to the part of their kind, missing bodies
 * and headings are created, unknown marks and unsafe links are dropped (their text kept),
 * attributes are read with the safe readers. If the input is not recognisable at all, every
 * piece of text in it ends up in operative paragraphs.
 */
export function docFromJSON(input: unknown): PMNode {
  try {
    const parts: Parts = { preamble: [], operative: [] };
    route(input, parts, 'op');
    const doc = N.doc.create(null, [
      N.preamble.create(null, parts.preamble),
      N.operative.create(null, parts.operative),
    ]);
    doc.check();
    return doc;
  } catch {
    // Not expected; a last resort that still keeps the words.
    const inline = inlineOf(input, N.body).map((node) => schema.text(node.text ?? ''));
    return N.doc.create(null, [N.preamble.create(), N.operative.create(null, [N.op.create(null, body(inline))])]);
  }
}

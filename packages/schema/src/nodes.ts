import type { DOMOutputSpec, NodeSpec, Node as PMNode } from 'prosemirror-model';
import { readClauseAttrs, readTags } from './attrs.js';
import { readId } from './ids.js';
import { readStatus } from './status.js';

/** Attributes shared by every clause node. No `validate`: y-prosemirror would delete content. */
const clauseAttrs = {
  id: { default: null },
  status: { default: 'proposed' },
  tags: { default: '' },
} as const;

/** DOM attributes for a clause, written only from read (safe) values. */
function clauseDOMAttrs(node: PMNode, kind: string): Record<string, string> {
  const attrs = readClauseAttrs(node);
  const out: Record<string, string> = { class: `clause clause-${kind}`, 'data-status': attrs.status };
  if (attrs.id) out['data-id'] = attrs.id;
  if (attrs.tags.length > 0) out['data-tags'] = attrs.tags.join(' ');
  return out;
}

/** The part of a DOM element the parse rules read (the package does not use the DOM lib). */
interface AttributeSource {
  getAttribute(name: string): string | null;
}

function clauseFromDOM(dom: AttributeSource): Record<string, unknown> {
  return {
    id: readId(dom.getAttribute('data-id')),
    status: readStatus(dom.getAttribute('data-status')),
    tags: readTags(dom.getAttribute('data-tags') ?? '').join(' '),
  };
}

function clauseSpec(kind: string, content: string): NodeSpec {
  return {
    content,
    attrs: clauseAttrs,
    defining: true,
    parseDOM: [{ tag: `div.clause-${kind}`, getAttrs: (dom) => clauseFromDOM(dom) }],
    toDOM: (node): DOMOutputSpec => ['div', clauseDOMAttrs(node, kind), 0],
  };
}

/** Content expression of a clause's own text: its body, or competing alternatives. */
const CLAUSE_TEXT = '(body | alternatives)';

/**
 * Node specs of the normative document, in schema order. See `LAYOUT.md` for the meaning of
 * every node and attribute.
 */
export const nodes = {
  doc: { content: 'preamble operative' },
  preamble: {
    content: 'pp*',
    parseDOM: [{ tag: 'div.preamble' }],
    toDOM: (): DOMOutputSpec => ['div', { class: 'preamble' }, 0],
  },
  operative: {
    content: '(op | section)*',
    parseDOM: [{ tag: 'div.operative' }],
    toDOM: (): DOMOutputSpec => ['div', { class: 'operative' }, 0],
  },
  section: {
    content: 'heading (op | paragraph)*',
    attrs: { id: { default: null } },
    defining: true,
    parseDOM: [{ tag: 'section', getAttrs: (dom) => ({ id: readId(dom.getAttribute('data-id')) }) }],
    toDOM: (node): DOMOutputSpec => {
      const id = readId(node.attrs.id);
      return ['section', id ? { 'data-id': id } : {}, 0];
    },
  },
  heading: {
    content: 'text*',
    marks: 'em strong',
    defining: true,
    parseDOM: [{ tag: 'h2' }],
    toDOM: (): DOMOutputSpec => ['h2', 0],
  },
  paragraph: {
    content: 'inline*',
    parseDOM: [{ tag: 'p' }],
    toDOM: (): DOMOutputSpec => ['p', 0],
  },
  pp: clauseSpec('pp', CLAUSE_TEXT),
  op: clauseSpec('op', `${CLAUSE_TEXT} subparagraph*`),
  subparagraph: clauseSpec('subparagraph', `${CLAUSE_TEXT} subsubparagraph*`),
  subsubparagraph: clauseSpec('subsubparagraph', CLAUSE_TEXT),
  body: {
    content: 'inline*',
    parseDOM: [{ tag: 'div.body' }],
    toDOM: (): DOMOutputSpec => ['div', { class: 'body' }, 0],
  },
  alternatives: {
    content: 'alternative+',
    attrs: { id: { default: null } },
    defining: true,
    parseDOM: [{ tag: 'div.alternatives', getAttrs: (dom) => ({ id: readId(dom.getAttribute('data-id')) }) }],
    toDOM: (node): DOMOutputSpec => {
      const id = readId(node.attrs.id);
      return ['div', id ? { class: 'alternatives', 'data-id': id } : { class: 'alternatives' }, 0];
    },
  },
  alternative: {
    content: 'body',
    attrs: { id: { default: null } },
    defining: true,
    parseDOM: [{ tag: 'div.alternative', getAttrs: (dom) => ({ id: readId(dom.getAttribute('data-id')) }) }],
    toDOM: (node): DOMOutputSpec => {
      const id = readId(node.attrs.id);
      return ['div', id ? { class: 'alternative', 'data-id': id } : { class: 'alternative' }, 0];
    },
  },
  text: { group: 'inline' },
} satisfies Record<string, NodeSpec>;

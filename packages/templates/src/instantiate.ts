import { docFromJSON, ID_NODE_NAMES, newId } from '@plenary/schema';
import { Fragment, type Node as PMNode } from 'prosemirror-model';
import type { Transform } from 'prosemirror-transform';
import type { Template } from './types.js';

/** Options for turning a template into document content. */
export interface InstantiateOptions {
  /** Generates the fresh ids; defaults to random ids. */
  readonly generateId?: () => string;
}

/**
 * The template's document with every clause, section and alternative given a fresh id, so
 * that two rooms (or two insertions into one draft) never share ids. Status is reset to
 * `proposed`; tags are kept.
 */
export function instantiateTemplate(template: Template, options: InstantiateOptions = {}): PMNode {
  const generate = options.generateId ?? (() => newId());
  const doc = docFromJSON(template.content);
  const rewrite = (node: PMNode): PMNode => {
    if (node.isText) return node;
    const children: PMNode[] = [];
    node.forEach((child) => {
      children.push(rewrite(child));
    });
    const attrs = ID_NODE_NAMES.includes(node.type.name)
      ? { ...node.attrs, id: generate(), ...('status' in node.attrs ? { status: 'proposed' } : {}) }
      : node.attrs;
    return node.type.create(attrs, Fragment.fromArray(children), node.marks);
  };
  return rewrite(doc);
}

/**
 * Inserts a template's clauses into an existing draft, with fresh ids: its PPs at the end of
 * the preamble, its OPs and sections at the end of the operative part. Works on any
 * `Transform` (an editor `Transaction` included); returns it for chaining.
 */
export function insertTemplate<T extends Transform>(tr: T, template: Template, options: InstantiateOptions = {}): T {
  const source = instantiateTemplate(template, options);
  const preamble = source.child(0).content;
  const operative = source.child(1).content;
  const preambleNode = tr.doc.child(0);
  if (preamble.size > 0) tr.insert(preambleNode.nodeSize - 1, preamble);
  const operativeStart = tr.doc.child(0).nodeSize;
  const operativeNode = tr.doc.child(1);
  if (operative.size > 0) tr.insert(operativeStart + operativeNode.nodeSize - 1, operative);
  return tr;
}

import type { Mark, NodeType, Node as PMNode } from 'prosemirror-model';
import { readLabel } from './attrs.js';
import { safeHref } from './href.js';
import { readId } from './ids.js';
import { asRecord, childrenOf } from './json.js';
import { markNameOfKey, schema } from './schema.js';

/** Reads one untrusted mark into a schema mark, or `null` when unknown or unusable. */
function readMark(value: unknown): Mark | null {
  const json = asRecord(value);
  if (!json || typeof json.type !== 'string') return null;
  const attrs = asRecord(json.attrs) ?? {};
  switch (markNameOfKey(json.type)) {
    case 'em':
      return schema.marks.em.create();
    case 'strong':
      return schema.marks.strong.create();
    case 'link': {
      // A link whose href fails the allowlist is dropped as a mark; its text stays.
      const href = safeHref(attrs.href);
      return href ? schema.marks.link.create({ href }) : null;
    }
    case 'bracket':
      return schema.marks.bracket.create({ id: readId(attrs.id) });
    case 'placeholder':
      return schema.marks.placeholder.create({ label: readLabel(attrs.label) });
    case 'insertion':
      return schema.marks.insertion.create({ id: readId(attrs.id) });
    case 'deletion':
      return schema.marks.deletion.create({ id: readId(attrs.id) });
    default:
      return null;
  }
}

/** Reads an untrusted mark list into a valid mark set allowed in `parent`. */
export function readMarks(value: unknown, parent: NodeType): readonly Mark[] {
  if (!Array.isArray(value)) return [];
  let set: readonly Mark[] = [];
  for (const item of value.slice(0, 64)) {
    const mark = readMark(item);
    if (mark && parent.allowsMarkType(mark.type)) set = mark.addToSet(set);
  }
  return set;
}

/**
 * Collects every text node under an untrusted value, in document order, as schema text nodes
 * whose marks are allowed in `parent`. Structure is flattened (blocks are separated by a space)
 * but no text is lost. Iterative, so hostile nesting depth cannot overflow the stack.
 */
export function inlineOf(value: unknown, parent: NodeType): PMNode[] {
  const out: PMNode[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const json = asRecord(stack.pop());
    if (!json) continue;
    if (json.type === 'text') {
      if (typeof json.text === 'string' && json.text.length > 0)
        out.push(schema.text(json.text, readMarks(json.marks, parent)));
      continue;
    }
    const children = childrenOf(json);
    if (children.length === 0) continue;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    // Pushed last, so popped first: a space between the text already collected and this block.
    if (out.length > 0) stack.push({ type: 'text', text: ' ' });
  }
  return out;
}

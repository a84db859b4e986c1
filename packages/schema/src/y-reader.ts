import type { Node as PMNode } from 'prosemirror-model';
import * as Y from 'yjs';
import { docFromJSON } from './from-json.js';
import type { MarkJSON, NodeJSON } from './json.js';

/** Mutable JSON node while it is being built. */
interface Building {
  type: string;
  attrs?: Record<string, unknown>;
  content: Building[] | TextJSON[];
}

interface TextJSON {
  type: 'text';
  text: string;
  marks?: MarkJSON[];
}

/** y-prosemirror's change-tracking key: present in documents rendered with snapshots, never a mark. */
const YCHANGE = 'ychange';

function textJSON(text: Y.XmlText): TextJSON[] {
  const out: TextJSON[] = [];
  for (const op of text.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[]) {
    // Embeds are not part of the schema; only strings carry words.
    if (typeof op.insert !== 'string' || op.insert.length === 0) continue;
    const marks: MarkJSON[] = [];
    for (const [key, value] of Object.entries(op.attributes ?? {})) {
      if (key === YCHANGE) continue;
      const attrs = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
      marks.push({ type: key, attrs: attrs as Record<string, unknown> });
    }
    out.push(marks.length > 0 ? { type: 'text', text: op.insert, marks } : { type: 'text', text: op.insert });
  }
  return out;
}

function elementJSON(el: Y.XmlElement): Building {
  const attrs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(el.getAttributes())) if (key !== YCHANGE) attrs[key] = value;
  return { type: el.nodeName, attrs, content: [] };
}

/**
 * Reads a `Y.XmlFragment` (or element) into ProseMirror-style JSON without a schema and
 * without writing to the Y.Doc: element names and attributes are copied as they are, text
 * formatting keys become marks (hashed `name--xxxxxxxx` keys are left for the sanitizer to
 * resolve, `ychange` is skipped). Unknown names are kept, so nothing is lost before
 * {@link docFromFragment} decides what to do with them. Iterative: deep nesting is safe.
 */
export function readFragmentJSON(fragment: Y.XmlFragment | Y.XmlElement): NodeJSON {
  const root: Building =
    fragment instanceof Y.XmlElement ? elementJSON(fragment) : { type: 'doc', content: [] as Building[] };
  const stack: [Y.XmlFragment | Y.XmlElement, Building][] = [[fragment, root]];
  while (stack.length > 0) {
    const next = stack.pop();
    if (!next) break;
    const [type, json] = next;
    const content: (Building | TextJSON)[] = [];
    for (const child of type.toArray()) {
      if (child instanceof Y.XmlText) content.push(...textJSON(child));
      else if (child instanceof Y.XmlElement) {
        const childJSON = elementJSON(child);
        content.push(childJSON);
        stack.push([child, childJSON]);
      }
      // Y.XmlHook and other types are not part of the document layout.
    }
    json.content = content as Building[];
  }
  return root as NodeJSON;
}

/**
 * Reads the draft into a valid schema document: {@link readFragmentJSON} then
 * {@link docFromJSON}. Never mutates the Y.Doc and never throws; content outside the schema is
 * repaired in the returned copy only (its text kept), unlike y-prosemirror's converters, which
 * drop what does not fit.
 */
export function docFromFragment(fragment: Y.XmlFragment): PMNode {
  return docFromJSON(readFragmentJSON(fragment));
}

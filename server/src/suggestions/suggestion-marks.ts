import type { SuggestionKind } from '@plenary/protocol';
import { readId } from '@plenary/schema';
import * as Y from 'yjs';
import type { DecodedStructs } from '../draft-rules.js';

/** The formatting keys y-prosemirror stores suggestion marks under (`insertion: {id}`, `deletion: {id}`). */
export const SUGGESTION_KINDS: readonly SuggestionKind[] = ['insertion', 'deletion'];

/** Whether a format key is a suggestion mark's. */
export function isSuggestionKind(key: string): key is SuggestionKind {
  return key === 'insertion' || key === 'deletion';
}

/** The mark id of a suggestion format value (`{id}`), or null when it carries none that is valid. */
export function markIdOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || !('id' in value)) return null;
  return readId((value as { id: unknown }).id);
}

/** One stretch of a text under a suggestion mark, as `Y.XmlText.toDelta()` reads it. */
export interface MarkSpan {
  readonly id: string;
  readonly kind: SuggestionKind;
  /** Offset in the text (an embed counts one). */
  readonly offset: number;
  readonly length: number;
  /** The words under the mark (embeds left out). */
  readonly text: string;
}

interface DeltaOp {
  readonly insert?: unknown;
  readonly attributes?: Record<string, unknown>;
}

/** Every stretch of `text` under a suggestion mark, in order (one per mark and delta op). */
export function markSpans(text: Y.XmlText): MarkSpan[] {
  const spans: MarkSpan[] = [];
  let offset = 0;
  for (const op of text.toDelta() as DeltaOp[]) {
    const insert = op.insert;
    const length = typeof insert === 'string' ? insert.length : 1;
    for (const kind of SUGGESTION_KINDS) {
      const id = markIdOf(op.attributes?.[kind]);
      if (id !== null) spans.push({ id, kind, offset, length, text: typeof insert === 'string' ? insert : '' });
    }
    offset += length;
  }
  return spans;
}

/**
 * The suggestion mark ids an update (its decoded `structs`) writes in format items `doc` does not
 * hold yet, with their kind. Returns a refusal's reason for a suggestion format whose value is not
 * `{id}` with a valid id, or an id written as both kinds.
 */
export function writtenMarkIds(doc: Y.Doc, structs: DecodedStructs): Map<string, SuggestionKind> | string {
  const written = new Map<string, SuggestionKind>();
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const content = struct.content;
    if (!(content instanceof Y.ContentFormat) || !isSuggestionKind(content.key)) continue;
    if (struct.id.clock < Y.getState(doc.store, struct.id.client)) continue;
    if (content.value === null) continue;
    const id = markIdOf(content.value);
    if (id === null) return `${content.key} mark without a valid id`;
    const seen = written.get(id);
    if (seen !== undefined && seen !== content.key) return `mark id ${id} written as both insertion and deletion`;
    written.set(id, content.key);
  }
  return written;
}

/** Every `Y.XmlText` under `fragment`, in document order. */
export function textsUnder(fragment: Y.XmlFragment): Y.XmlText[] {
  const texts: Y.XmlText[] = [];
  const walk = (parent: Y.XmlFragment | Y.XmlElement): void => {
    for (const child of parent.toArray()) {
      if (child instanceof Y.XmlText) texts.push(child);
      else if (child instanceof Y.XmlElement) walk(child);
    }
  };
  walk(fragment);
  return texts;
}

/** Whether `type` is no longer in the document: it or one of its ancestors was deleted. */
export function isRemoved(type: { readonly _item: Y.Item | null }): boolean {
  let item = type._item;
  while (item) {
    if (item.deleted) return true;
    const parent: unknown = item.parent;
    item = parent instanceof Y.AbstractType ? (parent as { readonly _item: Y.Item | null })._item : null;
  }
  return false;
}

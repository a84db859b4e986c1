import * as Y from 'yjs';

/**
 * The name of the root type `type` sits under in its document (`draft`, `meta` …), or null when
 * it is not attached to a document's root (a type still being built, or one already removed).
 */
export function rootKeyOf(type: Y.AbstractType<unknown>): string | null {
  let current = type;
  while (current._item) current = current._item.parent as Y.AbstractType<unknown>;
  try {
    return Y.findRootTypeKey(current);
  } catch {
    return null;
  }
}

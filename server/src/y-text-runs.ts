import * as Y from 'yjs';

/**
 * The second place the server reads Yjs internals (next to `integrated-state.ts`): the item list
 * of a `Y.XmlText` (`type._start`, then `item.right`) and the formatting each item sits under,
 * which Yjs keeps as `ContentFormat` items in the same list with no public accessor that names
 * the items. Formal mode needs both: which text items a write added or removed, and the
 * formatting (suggestion marks) in effect at each. Written against yjs 13.6.33;
 * server/test/y-text-runs.test.ts checks the fields and fails when a Yjs release changes them.
 */

/** The Yjs release line this module was written and tested against. */
export const Y_TEXT_RUNS_YJS = '13.6';

/** One item of a text's list with the formatting in effect at it (formats before it, applied in order). */
export interface TextRun {
  readonly item: Y.Item;
  /** Whether the item is visible text (a string or an embed), not a format or a type. */
  readonly isText: boolean;
  /** Attributes in effect at the item: format key → value (keys with a null value left out). */
  readonly attributes: ReadonlyMap<string, unknown>;
}

/**
 * Every item of `text` in list order, deleted ones included, each with the formatting in effect
 * at it. Deleted format items no longer count; a deleted text item keeps the formatting that its
 * place has now.
 */
export function textRuns(text: Y.XmlText): TextRun[] {
  const runs: TextRun[] = [];
  let current = new Map<string, unknown>();
  let item = text._start;
  while (item) {
    const content = item.content;
    if (content instanceof Y.ContentFormat) {
      if (!item.deleted) {
        current = new Map(current);
        if (content.value === null) current.delete(content.key);
        else current.set(content.key, content.value);
      }
      runs.push({ item, isText: false, attributes: current });
    } else {
      const isText = content instanceof Y.ContentString || content instanceof Y.ContentEmbed;
      runs.push({ item, isText, attributes: current });
    }
    item = item.right;
  }
  return runs;
}

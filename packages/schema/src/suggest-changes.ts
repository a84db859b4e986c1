import type { Mark, Node as PMNode, Slice } from 'prosemirror-model';
import { type EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import { Mapping, ReplaceStep } from 'prosemirror-transform';
import { readId } from './ids.js';
import { schema } from './schema.js';

/** Who is suggesting: which mark ids are the writer's own, and how new ones are made. */
export interface SuggestAuthor {
  /** Whether suggestion mark id `id` belongs to the writer's delegation. */
  readonly isOwn: (id: string) => boolean;
  /** A fresh mark id (the caller remembers it as its own). */
  readonly newId: () => string;
}

/** A user's transaction rewritten as suggestions, or why it cannot be. */
export type SuggestOutcome =
  | { readonly kind: 'suggested'; readonly tr: Transaction; readonly minted: readonly string[] }
  | { readonly kind: 'refused'; readonly reason: string };

/** The reason given when a change to the structure is attempted in suggest mode. */
export const STRUCTURE_REFUSAL =
  'Suggestions change the words of clauses. Adding, splitting, joining or moving clauses is for the chair (or with Suggest off in informal mode).';

/** The reason given when formatting is changed in suggest mode. */
export const FORMAT_REFUSAL = 'Formatting cannot be suggested; suggest the words instead.';

/** The id of the `insertion` or `deletion` mark among `marks`, if any. */
export function suggestionIdOf(marks: readonly Mark[], kind: 'insertion' | 'deletion'): string | null {
  const mark = marks.find((m) => m.type.name === kind);
  return mark ? readId(mark.attrs.id) : null;
}

/** The inline content `slice` inserts, when it inserts nothing but text into one textblock; else null. */
export function inlineContent(slice: Slice): PMNode[] | null {
  if (slice.openStart !== slice.openEnd) return null;
  let fragment = slice.content;
  for (let depth = 0; depth < slice.openStart; depth++) {
    if (fragment.childCount !== 1) return null;
    const only = fragment.firstChild;
    if (!only?.isTextblock) return null;
    fragment = only.content;
  }
  const nodes: PMNode[] = [];
  let ok = true;
  fragment.forEach((node) => {
    if (node.isText) nodes.push(node);
    else ok = false;
  });
  return ok ? nodes : null;
}

/** What a deletion of the range `from`–`to` does to each stretch of text in it. */
interface DeletionPlan {
  /** Stretches under the writer's own insertion: removed outright. */
  readonly remove: { from: number; to: number }[];
  /** Stretches not yet proposed for deletion: marked with the writer's deletion. */
  readonly mark: { from: number; to: number }[];
}

function planDeletion(doc: PMNode, from: number, to: number, author: SuggestAuthor): DeletionPlan {
  const plan: DeletionPlan = { remove: [], mark: [] };
  doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isText) return true;
    const start = Math.max(pos, from);
    const end = Math.min(pos + node.nodeSize, to);
    if (start >= end) return false;
    const inserted = suggestionIdOf(node.marks, 'insertion');
    if (inserted !== null && author.isOwn(inserted)) plan.remove.push({ from: start, to: end });
    else if (suggestionIdOf(node.marks, 'deletion') === null) plan.mark.push({ from: start, to: end });
    return false;
  });
  return plan;
}

/** The writer's own suggestion id of `kind` on the text just before or after `pos`, if any. */
function adjacentOwnId(doc: PMNode, pos: number, kind: 'insertion' | 'deletion', author: SuggestAuthor): string | null {
  const $pos = doc.resolve(pos);
  if (!$pos.parent.inlineContent) return null;
  for (const node of [$pos.nodeBefore, $pos.nodeAfter]) {
    if (!node?.isText) continue;
    const id = suggestionIdOf(node.marks, kind);
    if (id !== null && author.isOwn(id)) return id;
  }
  return null;
}

/**
 * Rewrites a user's transaction as suggestions (DESIGN §4 "suggestions"): typed or pasted text
 * becomes an `insertion` of the writer's, deleted text is marked with a `deletion` of the
 * writer's instead of being removed, and deleting text of the writer's own suggested insertion
 * removes it outright. Text typed against one's own suggestion (inside or at its edge) extends
 * it; typed inside another delegation's suggestion it starts a new one of the writer's; text
 * already proposed for deletion is left as it is. A deletion may span clauses; it marks the text
 * of each and leaves the clauses in place.
 *
 * Changes to structure (splitting or joining clauses, pasting several paragraphs, moving) and to
 * formatting cannot be suggested and are refused with a reason. The caller applies this only to
 * the user's own edits: never to transactions y-prosemirror makes for remote changes or undo.
 */
export function suggestTransaction(state: EditorState, tr: Transaction, author: SuggestAuthor): SuggestOutcome {
  const out = state.tr;
  const minted: string[] = [];
  const mint = (): string => {
    const id = author.newId();
    minted.push(id);
    return id;
  };
  let caret: number | null = null;
  for (const [i, step] of tr.steps.entries()) {
    if (!(step instanceof ReplaceStep)) {
      const json = step.toJSON() as { stepType?: string };
      const reason = json.stepType === 'addMark' || json.stepType === 'removeMark' ? FORMAT_REFUSAL : STRUCTURE_REFUSAL;
      return { kind: 'refused', reason };
    }
    const json = step.toJSON() as { structure?: boolean };
    if (json.structure) return { kind: 'refused', reason: STRUCTURE_REFUSAL };
    // The step's positions are in the document the original transaction had before it: back to
    // the starting document, then forward through what this rewrite has done so far.
    const back = new Mapping(tr.mapping.maps.slice(0, i)).invert();
    const from = out.mapping.map(back.map(step.from, 1), -1);
    const to = Math.max(from, out.mapping.map(back.map(step.to, -1), 1));
    const inserted = inlineContent(step.slice);
    if (inserted === null) return { kind: 'refused', reason: STRUCTURE_REFUSAL };
    const doc = out.doc;
    const $from = doc.resolve(from);
    const $to = doc.resolve(to);
    // A deletion across clauses proposes only their text for deletion and leaves the clauses;
    // text replacing such a range would have to join them.
    if (inserted.length > 0 && (!$to.parent.inlineContent || !$from.sameParent($to))) {
      return { kind: 'refused', reason: STRUCTURE_REFUSAL };
    }

    // Deletion first: marking leaves positions as they are; removals are mapped.
    const plan = planDeletion(doc, from, to, author);
    if (plan.mark.length > 0) {
      const deletionId =
        adjacentOwnId(doc, plan.mark[0]?.from ?? from, 'deletion', author) ??
        adjacentOwnId(doc, plan.mark[plan.mark.length - 1]?.to ?? to, 'deletion', author) ??
        mint();
      const mark = schema.marks.deletion.create({ id: deletionId });
      for (const range of plan.mark) out.addMark(range.from, range.to, mark);
    }
    const before = out.mapping.maps.length;
    const since = () => new Mapping(out.mapping.maps.slice(before));
    for (const range of [...plan.remove].reverse()) {
      const mapped = since();
      out.delete(mapped.map(range.from, 1), mapped.map(range.to, -1));
    }
    const afterDelete = since();
    const at = afterDelete.map(to, 1);
    const startOfRange = afterDelete.map(from, -1);

    if (inserted.length > 0) {
      const insertionId = adjacentOwnId(out.doc, at, 'insertion', author) ?? mint();
      const mark = schema.marks.insertion.create({ id: insertionId });
      const nodes = inserted.map((node) =>
        node.mark(mark.addToSet(node.marks.filter((m) => m.type.name !== 'insertion' && m.type.name !== 'deletion'))),
      );
      const size = nodes.reduce((sum, node) => sum + node.nodeSize, 0);
      out.insert(at, nodes);
      caret = at + size;
    } else {
      // Backspace (the caret was at the end of what went) leaves the caret before the struck
      // text, so the next Backspace goes on leftwards; Delete and a selection leave it after.
      const backspace = state.selection.empty && state.selection.head === back.map(step.to, 1);
      caret = backspace ? startOfRange : at;
    }
  }
  if (caret !== null) out.setSelection(TextSelection.create(out.doc, Math.min(caret, out.doc.content.size)));
  if (tr.scrolledIntoView) out.scrollIntoView();
  return { kind: 'suggested', tr: out, minted };
}

import type { Node as PMNode } from 'prosemirror-model';
import type { Transaction } from 'prosemirror-state';
import { AddMarkStep, AttrStep, RemoveMarkStep, ReplaceStep } from 'prosemirror-transform';
import { readId } from './ids.js';
import { inlineContent, suggestionIdOf } from './suggest-changes.js';

/** Why a delegate's transaction breaks formal mode, in the words the delegate reads. */
export const FORMAL_REFUSALS = {
  structure: 'In formal mode delegations propose changes to the words; the chair changes the structure.',
  text: 'In formal mode delegations can only suggest: switch Suggest on to propose this change.',
  others: "Another delegation's suggestion can only be changed by that delegation or decided by the chair.",
  format: 'In formal mode formatting is the chair’s.',
} as const;

/** Checks inserted text: every node under the writer's own insertion (and deletion, if any). */
function ownInsertedText(nodes: readonly PMNode[], isOwn: (id: string) => boolean): string | null {
  for (const node of nodes) {
    const insertion = suggestionIdOf(node.marks, 'insertion');
    if (insertion === null || !isOwn(insertion)) return FORMAL_REFUSALS.text;
    const deletion = suggestionIdOf(node.marks, 'deletion');
    if (deletion !== null && !isOwn(deletion)) return FORMAL_REFUSALS.others;
  }
  return null;
}

/** The text nodes between `from` and `to` of `doc`, cut to the range; null when a non-text node is in it. */
function textBetween(doc: PMNode, from: number, to: number): PMNode[] | null {
  const nodes: PMNode[] = [];
  let structural = false;
  const $from = doc.resolve(from);
  if (from < to && !$from.sameParent(doc.resolve(to))) return null;
  doc.nodesBetween(from, to, (node, pos) => {
    if (node.isText) {
      const start = Math.max(0, from - pos);
      const end = Math.min(node.nodeSize, to - pos);
      if (start < end) nodes.push(node.cut(start, end));
      return false;
    }
    if (pos >= from) structural = true;
    return true;
  });
  return structural ? null : nodes;
}

/**
 * What the room's server refuses of a delegate's write in formal mode (docs/DESIGN.md §4), read
 * off a ProseMirror transaction before anything is sent: null when the transaction may go out,
 * otherwise the reason. Allowed are text inserted under the writer's own insertion mark, text of
 * the writer's own insertion deleted, the writer's own deletion mark added or removed, and the
 * editor's clause-id repair of a clause that has no valid id. Everything else (structure,
 * formatting, text written or removed directly, another delegation's suggestion changed) is
 * refused, so that an honest delegate never meets the server's refusal.
 */
export function formalRefusal(tr: Transaction, isOwn: (id: string) => boolean): string | null {
  for (const [i, step] of tr.steps.entries()) {
    const doc = tr.docs[i];
    if (!doc) return FORMAL_REFUSALS.structure;
    if (step instanceof AttrStep) {
      const node = doc.nodeAt(step.pos);
      if (step.attr !== 'id' || !node || readId(node.attrs.id) !== null) return FORMAL_REFUSALS.structure;
      continue;
    }
    if (step instanceof AddMarkStep || step instanceof RemoveMarkStep) {
      if (step.mark.type.name !== 'deletion') return FORMAL_REFUSALS.format;
      const id = readId(step.mark.attrs.id);
      if (id === null || !isOwn(id)) return FORMAL_REFUSALS.others;
      const text = textBetween(doc, step.from, step.to);
      if (text === null) continue;
      for (const node of text) {
        const other = suggestionIdOf(node.marks, 'deletion');
        if (step instanceof AddMarkStep && other !== null && other !== id && !isOwn(other)) {
          return FORMAL_REFUSALS.others;
        }
      }
      continue;
    }
    if (!(step instanceof ReplaceStep)) return FORMAL_REFUSALS.structure;
    const removed = textBetween(doc, step.from, step.to);
    if (removed === null) return FORMAL_REFUSALS.structure;
    for (const node of removed) {
      const insertion = suggestionIdOf(node.marks, 'insertion');
      if (insertion === null) return FORMAL_REFUSALS.text;
      if (!isOwn(insertion)) return FORMAL_REFUSALS.others;
    }
    if (!doc.resolve(step.from).parent.inlineContent) return FORMAL_REFUSALS.structure;
    const nodes = inlineContent(step.slice);
    if (nodes === null) return FORMAL_REFUSALS.structure;
    const refusal = ownInsertedText(nodes, isOwn);
    if (refusal) return refusal;
  }
  return null;
}

import type { Fragment, Node as PMNode } from 'prosemirror-model';
import type { Transaction } from 'prosemirror-state';
import {
  AddMarkStep,
  AddNodeMarkStep,
  AttrStep,
  RemoveMarkStep,
  RemoveNodeMarkStep,
  ReplaceAroundStep,
  ReplaceStep,
  type Step,
} from 'prosemirror-transform';
import { readId } from './ids.js';
import { isClauseNodeName } from './schema.js';
import { isLockedStatus, readStatus } from './status.js';

/** Why a write by anyone but the chair is refused, in the words a delegate reads. */
export const LOCK_REFUSALS = {
  locked: 'This clause is agreed and locked; only the chair may change it.',
  status: "A clause's status is set by the chair.",
} as const;

/** Whether the clause (or the clause around it) at `pos` of `doc` is locked. */
function lockedAt(doc: PMNode, pos: number): boolean {
  const $pos = doc.resolve(Math.max(0, Math.min(pos, doc.content.size)));
  for (let depth = $pos.depth; depth > 0; depth--) {
    const node = $pos.node(depth);
    if (isClauseNodeName(node.type.name) && isLockedStatus(node.attrs.status)) return true;
  }
  return false;
}

/** The clauses between `from` and `to` of `doc` (id → status), and whether one of them is locked. */
function clausesBetween(doc: PMNode, from: number, to: number): { locked: boolean; found: Map<string, string> } {
  const found = new Map<string, string>();
  let locked = false;
  if (from < to)
    doc.nodesBetween(from, to, (node, pos) => {
      if (!isClauseNodeName(node.type.name)) return true;
      // Only clauses the range covers whole leave the document; the others are edited inside.
      if (pos < from || pos + node.nodeSize > to) return true;
      if (isLockedStatus(node.attrs.status)) locked = true;
      const id = readId(node.attrs.id);
      if (id) found.set(id, readStatus(node.attrs.status));
      return true;
    });
  return { locked, found };
}

/** The clauses a fragment brings in (id → status; "" for a clause without an id). */
function clausesIn(content: Fragment, out: { id: string; status: string }[]): void {
  content.forEach((node) => {
    if (isClauseNodeName(node.type.name))
      out.push({ id: readId(node.attrs.id) ?? '', status: readStatus(node.attrs.status) });
    clausesIn(node.content, out);
  });
}

/** The range of `doc` a step writes to, or null for a step this guard does not know. */
function stepRange(step: Step): { from: number; to: number } | null {
  if (step instanceof ReplaceStep || step instanceof ReplaceAroundStep) return { from: step.from, to: step.to };
  if (step instanceof AddMarkStep || step instanceof RemoveMarkStep) return { from: step.from, to: step.to };
  if (step instanceof AttrStep || step instanceof AddNodeMarkStep || step instanceof RemoveNodeMarkStep)
    return { from: step.pos, to: step.pos + 1 };
  return null;
}

/**
 * The clause locks and status rules for a write by anyone but the chair (docs/DESIGN.md,
 * "status"), read off a ProseMirror transaction before anything is sent, as the server checks
 * them on the update: null when the transaction may go out, otherwise the reason.
 *
 * - Nothing inside an agreed or agreed-ad-ref clause (or a clause inside one) is written,
 *   formatted or deleted, and such a clause is not moved, indented or removed.
 * - No clause's status is set, and no clause comes in with a status other than `proposed`,
 *   except a clause moved whole (deleted and brought back with its id and status in the same
 *   transaction) that is not locked.
 */
export function lockRefusal(tr: Transaction): string | null {
  const movedAway = new Map<string, string>();
  const broughtIn: { id: string; status: string }[] = [];
  for (const [i, step] of tr.steps.entries()) {
    const doc = tr.docs[i];
    if (!doc) continue;
    const range = stepRange(step);
    if (!range) return LOCK_REFUSALS.locked;
    if (step instanceof AttrStep) {
      const node = doc.nodeAt(step.pos);
      if (node && isClauseNodeName(node.type.name) && step.attr === 'status') return LOCK_REFUSALS.status;
    }
    if (lockedAt(doc, range.from) || lockedAt(doc, range.to)) return LOCK_REFUSALS.locked;
    if (step instanceof AttrStep && lockedAt(doc, step.pos + 1)) return LOCK_REFUSALS.locked;
    const covered = clausesBetween(doc, range.from, range.to);
    if (covered.locked) return LOCK_REFUSALS.locked;
    if (step instanceof ReplaceStep || step instanceof ReplaceAroundStep) {
      for (const [id, status] of covered.found) movedAway.set(id, status);
      clausesIn(step.slice.content, broughtIn);
    }
  }
  for (const { id, status } of broughtIn) {
    if (status === 'proposed') continue;
    if (isLockedStatus(status) || movedAway.get(id) !== status) return LOCK_REFUSALS.status;
  }
  return null;
}

import type { EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { clauseAt } from './clause-at.js';

/** The DOM event a view's element fires when a drafting command could not act. */
export const COMMAND_REFUSED_EVENT = 'plenary:command-refused';

const KIND_NAMES = {
  pp: 'preambular paragraph',
  op: 'operative paragraph',
  subparagraph: 'sub-paragraph',
  subsubparagraph: 'point',
} as const;

/**
 * Why the drafting command `id` (a toolbar action id) cannot act in `state`, in the words a
 * delegate reads: the command already returned false, this only names the reason.
 */
export function refusalReason(id: string, state: EditorState): string {
  if (id === 'undo') return 'Nothing of yours to undo.';
  if (id === 'redo') return 'Nothing to redo.';
  if (id === 'bracket') return 'Select the words to bracket first, within one clause.';
  const current = clauseAt(state.selection.$head);
  if (!current) return 'Put the cursor in a clause first.';
  const kind = KIND_NAMES[current.kind];
  switch (id) {
    case 'move-up':
    case 'move-down': {
      const edge = id === 'move-up' ? 'first' : 'last';
      const within = current.kind === 'op' || current.kind === 'pp' ? '' : ' of its clause';
      return `This is already the ${edge} ${kind}${within}.`;
    }
    case 'indent':
      if (current.kind === 'pp') return 'Preambular paragraphs have no sub-paragraphs.';
      if (current.kind === 'subsubparagraph') return 'Points (i), (ii) cannot go a level deeper.';
      if (current.index === 0 || current.parent.child(current.index - 1).type !== current.node.type)
        return `There is no ${kind} before this one to go under.`;
      return `This ${kind} has sub-clauses that would go deeper than points.`;
    case 'outdent':
      return current.kind === 'pp' || current.kind === 'op'
        ? `A ${kind} is already at the top level.`
        : 'This clause cannot go up a level.';
    case 'add-sub':
      return 'Preambular paragraphs have no sub-paragraphs.';
    default:
      return 'This command cannot act here.';
  }
}

/** Tells the room that a command could not act, and why (see {@link COMMAND_REFUSED_EVENT}). */
export function announceRefusal(view: EditorView, reason: string): void {
  view.dom.dispatchEvent(new CustomEvent(COMMAND_REFUSED_EVENT, { detail: reason, bubbles: true }));
}

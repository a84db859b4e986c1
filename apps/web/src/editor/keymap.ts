import { schema } from '@plenary/schema';
import { baseKeymap, chainCommands, toggleMark } from 'prosemirror-commands';
import { keymap } from 'prosemirror-keymap';
import type { Command, Plugin } from 'prosemirror-state';
import { redoCommand as yRedo, undoCommand as yUndo } from 'y-prosemirror';
import { announceRefusal, refusalReason } from './command-refusal.js';
import { indentClause, outdentClause } from './indent-clause.js';
import { addOperative, addPreambular, addSubparagraph, removeEmptyClause, splitClause } from './insert-clause.js';
import { focusLintMarker } from './lint-plugin.js';
import { moveClauseDown, moveClauseUp } from './move-clause.js';
import { nextPlaceholder, previousPlaceholder } from './placeholder-nav.js';
import { addAlternative, bracketSelection } from './position-commands.js';
import { toggleSuggesting } from './suggest-mode.js';
import { closeUndoStep } from './undo-boundary-plugin.js';

/** A clause command with its shortcut, for the toolbar and the shortcut list. */
export interface ClauseAction {
  readonly id: string;
  readonly label: string;
  readonly keys: string;
  readonly display: string;
  readonly command: Command;
}

/**
 * A structural command as its own undo step: the typing before it and after it are separate
 * steps, so undo takes back "added OP 3" without the words typed around it.
 */
function ownUndoStep(command: Command): Command {
  return (state, dispatch, view) => {
    if (!dispatch) return command(state, undefined, view);
    closeUndoStep(state);
    const done = command(state, dispatch, view);
    if (done) closeUndoStep(view?.state ?? state);
    return done;
  };
}

/** The drafting commands, in toolbar order. */
export const CLAUSE_ACTIONS: readonly ClauseAction[] = [
  { id: 'add-pp', label: 'Add PP', keys: 'Alt-p', display: 'Alt+P', command: ownUndoStep(addPreambular) },
  { id: 'add-op', label: 'Add OP', keys: 'Alt-o', display: 'Alt+O', command: ownUndoStep(addOperative) },
  { id: 'add-sub', label: 'Add sub-paragraph', keys: 'Alt-s', display: 'Alt+S', command: ownUndoStep(addSubparagraph) },
  { id: 'indent', label: 'Indent', keys: 'Mod-]', display: 'Ctrl+]', command: ownUndoStep(indentClause) },
  { id: 'outdent', label: 'Outdent', keys: 'Mod-[', display: 'Ctrl+[', command: ownUndoStep(outdentClause) },
  { id: 'move-up', label: 'Move up', keys: 'Alt-ArrowUp', display: 'Alt+↑', command: ownUndoStep(moveClauseUp) },
  {
    id: 'move-down',
    label: 'Move down',
    keys: 'Alt-ArrowDown',
    display: 'Alt+↓',
    command: ownUndoStep(moveClauseDown),
  },
];

/** The negotiation's commands, in toolbar order: brackets and alternatives. */
export const POSITION_ACTIONS: readonly ClauseAction[] = [
  { id: 'bracket', label: 'Bracket', keys: 'Alt-b', display: 'Alt+B', command: ownUndoStep(bracketSelection) },
  {
    id: 'alternative',
    label: 'Add alternative',
    keys: 'Alt-a',
    display: 'Alt+A',
    command: ownUndoStep(addAlternative()),
  },
  {
    id: 'no-text',
    label: 'Add “no text”',
    keys: 'Alt-Shift-a',
    display: 'Alt+Shift+A',
    command: ownUndoStep(addAlternative({ noText: true })),
  },
];

/** Undo and redo of this person's own changes only (y-prosemirror's undo manager). */
export const undoCommand: Command = (state, dispatch) => yUndo(state, dispatch) === true;
/** Redo of this person's own undone changes. */
export const redoCommand: Command = (state, dispatch) => yRedo(state, dispatch) === true;

/**
 * Escape leaves the draft for keyboard users (Tab indents inside it): focus moves to the first
 * control of the room's side panels, or out of the draft when there is none.
 */
export const leaveDraft: Command = (_state, _dispatch, view) => {
  if (!view) return false;
  const room = view.dom.closest('.room');
  const next = room?.querySelector<HTMLElement>(
    '.side-column button, .side-column a[href], .side-column input, .side-column select, .side-column [tabindex="0"]',
  );
  if (next) next.focus();
  else (view.dom as HTMLElement).blur();
  return true;
};

/**
 * An action's command for its shortcut: when it cannot act, the room is told why
 * ({@link announceRefusal}) and the key is taken, so it does nothing else unexpected.
 */
export function explained(action: Pick<ClauseAction, 'id' | 'command'>): Command {
  return (state, dispatch, view) => {
    if (action.command(state, dispatch, view)) return true;
    if (!view || !dispatch) return false;
    announceRefusal(view, refusalReason(action.id, state));
    return true;
  };
}

/**
 * The editor's keymaps, most specific first: clause commands, per-user undo, marks, then
 * ProseMirror's base keymap. Tab selects the next unfilled placeholder (Shift-Tab the previous
 * one); when there is none that way it indents (outdents) the clause, as Ctrl+] (Ctrl+[) always
 * does. Tab is always captured inside the draft so focus does not jump away mid-sentence when a
 * clause cannot be indented.
 * Ctrl+Shift+E switches suggest mode, as Word's Track Changes shortcut does. Alt+B brackets the
 * selection; Alt+A adds an alternative to the clause, Alt+Shift+A a "no text" one.
 * Alt+N opens the drafting notes of the clause at the cursor ({@link focusLintMarker}); Escape
 * is the way out ({@link leaveDraft}).
 */
export function draftKeymaps(): Plugin[] {
  const bindings: Record<string, Command> = {};
  for (const action of [...CLAUSE_ACTIONS, ...POSITION_ACTIONS]) bindings[action.keys] = explained(action);
  bindings.Tab = chainCommands(
    nextPlaceholder,
    explained({ id: 'indent', command: ownUndoStep(indentClause) }),
    () => true,
  );
  bindings['Shift-Tab'] = chainCommands(
    previousPlaceholder,
    explained({ id: 'outdent', command: ownUndoStep(outdentClause) }),
    () => true,
  );
  bindings.Escape = leaveDraft;
  bindings['Alt-n'] = focusLintMarker;
  bindings.Enter = ownUndoStep(splitClause);
  bindings.Backspace = removeEmptyClause;
  bindings['Mod-z'] = undoCommand;
  bindings['Mod-y'] = redoCommand;
  bindings['Shift-Mod-z'] = redoCommand;
  bindings['Mod-b'] = toggleMark(schema.marks.strong);
  bindings['Mod-i'] = toggleMark(schema.marks.em);
  bindings['Shift-Mod-e'] = toggleSuggesting;
  return [keymap(bindings), keymap(baseKeymap)];
}

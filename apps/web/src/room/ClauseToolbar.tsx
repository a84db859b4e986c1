import type { EditorView } from 'prosemirror-view';
import type { ReactNode } from 'react';
import { announceRefusal, refusalReason } from '../editor/command-refusal.js';
import { CLAUSE_ACTIONS, type ClauseAction, POSITION_ACTIONS, redoCommand, undoCommand } from '../editor/keymap.js';
import { SuggestToggle } from '../suggestions/SuggestToggle.js';
import { CommandNotice } from './CommandNotice.js';
import { TagMenu } from './TagMenu.js';

const HISTORY_ACTIONS: readonly ToolbarAction[] = [
  { id: 'undo', label: 'Undo', display: 'Ctrl+Z', command: undoCommand },
  { id: 'redo', label: 'Redo', display: 'Ctrl+Y', command: redoCommand },
];

type ToolbarAction = Pick<ClauseAction, 'id' | 'label' | 'display' | 'command'>;

/** The clause commands that add a clause; the others arrange the clauses there are. */
const ADDING: ReadonlySet<string> = new Set(['add-pp', 'add-op', 'add-sub']);

/**
 * The commands in labelled groups, each button with a short face: its full name (and shortcut)
 * is its accessible name and tooltip, so the toolbar keeps to two rows beside the draft.
 */
const GROUPS: readonly { readonly label: string; readonly actions: readonly ToolbarAction[] }[] = [
  { label: 'Add', actions: CLAUSE_ACTIONS.filter((action) => ADDING.has(action.id)) },
  { label: 'Arrange', actions: CLAUSE_ACTIONS.filter((action) => !ADDING.has(action.id)) },
  { label: 'Positions', actions: POSITION_ACTIONS },
  { label: 'History', actions: HISTORY_ACTIONS },
];

/** The face of an "Add …" button: a plus and what it adds. */
function Added({ name }: { readonly name: string }) {
  return (
    <>
      <span aria-hidden="true">+</span> {name}
    </>
  );
}

/** The face of a button, where it is shorter than the command's name (which it is part of). */
const FACES: Readonly<Record<string, ReactNode>> = {
  'add-pp': <Added name="PP" />,
  'add-op': <Added name="OP" />,
  'add-sub': <Added name="Sub-paragraph" />,
  'move-up': (
    <>
      <span aria-hidden="true">↑</span> Up
    </>
  ),
  'move-down': (
    <>
      <span aria-hidden="true">↓</span> Down
    </>
  ),
  alternative: 'Alternative',
  'no-text': '“No text”',
};

/** The ProseMirror shortcut as `aria-keyshortcuts` writes it: `Ctrl+]`, `Alt+ArrowUp`. */
function ariaKeys(display: string): string {
  return display.replace('↑', 'ArrowUp').replace('↓', 'ArrowDown');
}

interface ClauseToolbarProps {
  readonly view: EditorView | null;
  readonly disabled: boolean;
  /** Formal mode for a delegate: every edit is a suggestion (see `SuggestToggle`). */
  readonly mustSuggest: boolean;
  /** The chair's controls of the room's drafting mode, when the reader is the chair. */
  readonly chairControls?: ReactNode;
}

/** Buttons for the drafting commands and the Suggest switch; each names its keyboard shortcut in its tooltip. */
export function ClauseToolbar({ view, disabled, mustSuggest, chairControls }: ClauseToolbarProps) {
  const run = (action: Pick<ClauseAction, 'id' | 'command'>) => {
    if (!view) return;
    const before = view.state;
    if (!action.command(before, view.dispatch, view)) announceRefusal(view, refusalReason(action.id, before));
    view.focus();
  };
  return (
    <div className="toolbar" role="toolbar" aria-label="Drafting commands">
      {GROUPS.map((group) => (
        <fieldset key={group.label} className="toolbar-group" aria-label={group.label}>
          {group.actions.map((action) => (
            <button
              key={action.id}
              type="button"
              data-action={action.id}
              disabled={disabled || !view}
              aria-label={action.label}
              aria-keyshortcuts={ariaKeys(action.display)}
              title={`${action.label} (${action.display})`}
              // Keep the cursor in the draft: a click must not move focus to the button first.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => run(action)}
            >
              {FACES[action.id] ?? action.label}
            </button>
          ))}
        </fieldset>
      ))}
      <SuggestToggle view={view} disabled={disabled} forced={mustSuggest} />
      {chairControls}
      <TagMenu view={view} disabled={disabled} />
      <CommandNotice view={view} />
    </div>
  );
}

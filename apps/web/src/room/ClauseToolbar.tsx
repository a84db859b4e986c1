import type { EditorView } from 'prosemirror-view';
import type { ReactNode } from 'react';
import { announceRefusal, refusalReason } from '../editor/command-refusal.js';
import { CLAUSE_ACTIONS, type ClauseAction, POSITION_ACTIONS, redoCommand, undoCommand } from '../editor/keymap.js';
import { SuggestToggle } from '../suggestions/SuggestToggle.js';
import { CommandNotice } from './CommandNotice.js';
import { TagMenu } from './TagMenu.js';

const HISTORY_ACTIONS: readonly Pick<ClauseAction, 'id' | 'label' | 'display' | 'command'>[] = [
  { id: 'undo', label: 'Undo', display: 'Ctrl+Z', command: undoCommand },
  { id: 'redo', label: 'Redo', display: 'Ctrl+Y', command: redoCommand },
];

interface ClauseToolbarProps {
  readonly view: EditorView | null;
  readonly disabled: boolean;
  /** Formal mode for a delegate: every edit is a suggestion (see `SuggestToggle`). */
  readonly mustSuggest: boolean;
  /** The chair's controls of the room's drafting mode, when the reader is the chair. */
  readonly chairControls?: ReactNode;
}

/** Buttons for the drafting commands and the Suggest switch; each names its keyboard shortcut. */
export function ClauseToolbar({ view, disabled, mustSuggest, chairControls }: ClauseToolbarProps) {
  const run = (action: Pick<ClauseAction, 'id' | 'command'>) => {
    if (!view) return;
    const before = view.state;
    if (!action.command(before, view.dispatch, view)) announceRefusal(view, refusalReason(action.id, before));
    view.focus();
  };
  return (
    <div className="toolbar" role="toolbar" aria-label="Drafting commands">
      {[...CLAUSE_ACTIONS, ...POSITION_ACTIONS, ...HISTORY_ACTIONS].map((action) => (
        <button
          key={action.id}
          type="button"
          data-action={action.id}
          disabled={disabled || !view}
          title={`${action.label} (${action.display})`}
          // Keep the cursor in the draft: a click must not move focus to the button first.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => run(action)}
        >
          {action.label}
          <kbd>{action.display}</kbd>
        </button>
      ))}
      <SuggestToggle view={view} disabled={disabled} forced={mustSuggest} />
      {chairControls}
      <TagMenu view={view} disabled={disabled} />
      <CommandNotice view={view} />
    </div>
  );
}

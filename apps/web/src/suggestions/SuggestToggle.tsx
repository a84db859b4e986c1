import type { EditorView } from 'prosemirror-view';
import { isSuggesting, setSuggesting } from '../editor/suggest-mode.js';
import { useEditorSelect } from '../editor/use-editor.js';
import './suggestions.css';

interface SuggestToggleProps {
  readonly view: EditorView | null;
  readonly disabled: boolean;
  /** Formal mode for a delegate: edits are suggestions whatever the toggle says. */
  readonly forced: boolean;
}

/**
 * The toolbar's Suggest switch (Ctrl+Shift+E): on, typing and deleting become suggestions of
 * the writer's delegation. In formal mode a delegate always suggests: the switch shows it, on
 * and fixed.
 */
export function SuggestToggle({ view, disabled, forced }: SuggestToggleProps) {
  const chosen = useEditorSelect(view, isSuggesting, false);
  const on = forced || chosen;
  const title = forced
    ? 'Formal mode: delegations propose changes as suggestions'
    : `${on ? 'Stop suggesting' : 'Suggest changes instead of editing'} (Ctrl+Shift+E)`;
  return (
    <button
      type="button"
      className="suggest-toggle"
      data-action="suggest"
      aria-pressed={on}
      disabled={disabled || forced || !view}
      title={title}
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => {
        if (!view) return;
        view.dispatch(setSuggesting(view.state, !chosen));
        view.focus();
      }}
    >
      {forced ? 'Suggesting (formal)' : on ? 'Suggesting' : 'Suggest'}
      {!forced && <kbd>Ctrl+Shift+E</kbd>}
    </button>
  );
}

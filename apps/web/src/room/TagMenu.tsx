import { CRITERIA_LABELS, CRITERIA_TAGS, type CriterionTag } from '@plenary/schema';
import type { EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { tagsAtCursor, toggleClauseTag } from '../editor/clause-tags.js';
import { useEditorSelect } from '../editor/use-editor.js';
import './TagMenu.css';

const NO_TAGS = 'none';
/** The tags of the clause at the cursor as one comparable string, or `none` outside clauses. */
const selectTags = (state: EditorState) => tagsAtCursor(state)?.tags.join(' ') ?? NO_TAGS;

/**
 * The criteria menu of the clause toolbar: tags the clause at the cursor with any of the eight
 * criteria. A menu button with checkable items; arrows move, Enter or Space toggles, Escape
 * closes and returns to the button.
 */
export function TagMenu({ view, disabled }: { view: EditorView | null; disabled: boolean }) {
  const tagString = useEditorSelect(view, selectTags, NO_TAGS);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const outside = tagString === NO_TAGS;
  const tags = outside ? [] : tagString.split(' ').filter(Boolean);

  useEffect(() => {
    if (!open) return;
    // A press or focus anywhere outside the button and the menu closes the menu.
    const away = (event: Event) => {
      if (!root.current?.contains(event.target as Node | null)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    document.addEventListener('focusin', away);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('focusin', away);
    };
  }, [open]);

  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLElement>('[role="menuitemcheckbox"]')?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const toggle = (tag: CriterionTag) => {
    if (view) toggleClauseTag(tag)(view.state, view.dispatch, view);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitemcheckbox"]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number> = {
      ArrowDown: (index + 1) % items.length,
      ArrowUp: (index - 1 + items.length) % items.length,
      Home: 0,
      End: items.length - 1,
    };
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      close();
      return;
    }
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    items[target]?.focus();
  };

  return (
    <div className="tag-menu" ref={root}>
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={disabled || !view || outside}
        title="Criteria this clause addresses"
        onClick={() => setOpen((was) => !was)}
      >
        Criteria
        <span className="tag-count">{tags.length}</span>
      </button>
      {open && !outside && (
        <div
          className="tag-menu-list"
          role="menu"
          aria-label="Criteria of this clause"
          ref={menu}
          onKeyDown={onKeyDown}
        >
          {CRITERIA_TAGS.map((tag) => (
            <button
              type="button"
              key={tag}
              role="menuitemcheckbox"
              aria-checked={tags.includes(tag)}
              tabIndex={-1}
              data-tag={tag}
              onClick={() => toggle(tag)}
            >
              <span className="tag-check" aria-hidden="true">
                {tags.includes(tag) ? '✔' : ''}
              </span>
              {CRITERIA_LABELS[tag]}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

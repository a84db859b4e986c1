import {
  type ClauseStatus,
  draftOutline,
  type OutlineEntry,
  outlineEntryAt,
  reuseOutlineEntries,
  sameOutlineLine,
} from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import type { EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { type KeyboardEvent, memo, useCallback, useEffect, useRef, useState } from 'react';
import { jumpTo } from '../editor/jump-to.js';
import { numberingPluginKey } from '../editor/numbering-plugin.js';
import { useDocDerived, useEditorSelect } from '../editor/use-editor.js';
import './OutlinePanel.css';

/** Comment counts of one clause, for the outline's badge. */
export interface CommentCount {
  readonly open: number;
  readonly unread: number;
}

interface OutlinePanelProps {
  readonly view: EditorView | null;
  /** Comment counts by clause id; a clause with counts shows a badge. */
  readonly commentCounts?: ReadonlyMap<string, CommentCount>;
}

/** Status names and shapes: the shape and the words carry the status, the colour only adds to it. */
export const STATUS_CUES: Readonly<Record<ClauseStatus, { readonly name: string; readonly shape: string }>> = {
  proposed: { name: 'Proposed', shape: '○' },
  'under-discussion': { name: 'Under discussion', shape: '◐' },
  'agreed-ad-ref': { name: 'Agreed ad referendum', shape: '◆' },
  agreed: { name: 'Agreed', shape: '✔' },
};

const selectHead = (state: EditorState) => state.selection.head;

/**
 * The clause outline: every clause and section heading with its label, first words and status.
 * Enter or a click puts the cursor in that clause; the clause holding the cursor is marked and
 * kept in view. One tab stop: arrow keys, Home and End move within the list. Not drawn again
 * when the room re-renders with the same view and counts (a suggestion record pushed, say).
 */
export const OutlinePanel = memo(function OutlinePanel({ view, commentCounts }: OutlinePanelProps) {
  const previous = useRef<readonly OutlineEntry[]>([]);
  const derive = useCallback((doc: PMNode, state: EditorState) => {
    const numbers = numberingPluginKey.getState(state)?.numbers;
    const next = reuseOutlineEntries(previous.current, draftOutline(doc, numbers));
    previous.current = next;
    return next;
  }, []);
  const entries = useDocDerived(view, derive) ?? [];
  const head = useEditorSelect(view, selectHead, -1);
  const current = outlineEntryAt(entries, head)?.key ?? null;
  const [active, setActive] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const focusKey = active !== null && entries.some((e) => e.key === active) ? active : (current ?? entries[0]?.key);

  useEffect(() => {
    // Keep the current clause in view inside the list, without scrolling the page.
    const box = list.current;
    const item = current ? box?.querySelector<HTMLElement>(`[data-key="${CSS.escape(current)}"]`) : null;
    if (!box || !item) return;
    const top = item.offsetTop - box.offsetTop;
    if (top < box.scrollTop) box.scrollTop = top;
    else if (top + item.offsetHeight > box.scrollTop + box.clientHeight)
      box.scrollTop = top + item.offsetHeight - box.clientHeight;
  }, [current]);

  // Lines are not redrawn when only their positions shift (see OutlineItem), so a jump reads
  // the clause's current position from the latest entries.
  const latest = useRef(entries);
  latest.current = entries;
  const jump = useCallback(
    (key: string) => {
      const entry = latest.current.find((e) => e.key === key);
      if (view && entry) jumpTo(view, entry.pos);
    },
    [view],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    const index = entries.findIndex((e) => e.key === focusKey);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: entries.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const entry = entries[Math.max(0, Math.min(entries.length - 1, target))];
    if (!entry) return;
    setActive(entry.key);
    list.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(entry.key)}"] button`)?.focus();
  };

  return (
    <nav className="outline" aria-label="Clause outline">
      {entries.length === 0 ? (
        <p className="muted">No clauses yet.</p>
      ) : (
        <ol className="outline-list" ref={list} onKeyDown={onKeyDown}>
          {entries.map((entry) => (
            <OutlineItem
              key={entry.key}
              entry={entry}
              current={entry.key === current}
              focusable={entry.key === focusKey}
              counts={entry.id ? commentCounts?.get(entry.id) : undefined}
              onJump={jump}
              onFocusEntry={setActive}
            />
          ))}
        </ol>
      )}
    </nav>
  );
});

interface OutlineItemProps {
  readonly entry: OutlineEntry;
  readonly current: boolean;
  readonly focusable: boolean;
  readonly counts: CommentCount | undefined;
  readonly onJump: (key: string) => void;
  readonly onFocusEntry: (key: string) => void;
}

function sameItem(a: OutlineItemProps, b: OutlineItemProps): boolean {
  return (
    sameOutlineLine(a.entry, b.entry) &&
    a.current === b.current &&
    a.focusable === b.focusable &&
    a.counts === b.counts &&
    a.onJump === b.onJump &&
    a.onFocusEntry === b.onFocusEntry
  );
}

/**
 * One line; redrawn only when what it shows, its counts or its marking change (not when typing
 * elsewhere only shifts its clause's position).
 */
const OutlineItem = memo(function OutlineItem({
  entry,
  current,
  focusable,
  counts,
  onJump,
  onFocusEntry,
}: OutlineItemProps) {
  const cue = entry.status ? STATUS_CUES[entry.status] : null;
  return (
    <li
      className={`outline-item depth-${entry.depth} kind-${entry.kind}`}
      data-key={entry.key}
      data-label={entry.label}
      data-status={entry.status ?? undefined}
    >
      <button
        type="button"
        tabIndex={focusable ? 0 : -1}
        aria-current={current ? 'location' : undefined}
        onClick={() => onJump(entry.key)}
        onFocus={() => onFocusEntry(entry.key)}
      >
        {cue && (
          <span className="outline-status" title={cue.name}>
            <span aria-hidden="true">{cue.shape}</span>
            <span className="visually-hidden">{cue.name}: </span>
          </span>
        )}
        <span className="outline-label">{entry.label}</span>
        {entry.kind !== 'heading' && <span className="outline-excerpt">{entry.excerpt || 'Empty clause'}</span>}
        {counts && (counts.open > 0 || counts.unread > 0) && (
          <span className={`outline-comments${counts.unread > 0 ? ' unread' : ''}`} data-testid="comment-badge">
            {counts.open}
            <span className="visually-hidden">
              {' '}
              open comments{counts.unread > 0 ? `, ${counts.unread} unread` : ''}
            </span>
          </span>
        )}
      </button>
    </li>
  );
}, sameItem);

import type { CommentThread } from '@plenary/protocol';
import type { ClauseNumber } from '@plenary/schema';
import type { EditorView } from 'prosemirror-view';
import { useMemo, useState } from 'react';
import type * as Y from 'yjs';
import './comments.css';
import { type CommentActor, mayComment } from '@plenary/protocol';
import { type CommentFilters, DEFAULT_FILTERS, passesFilters, threadDelegations } from './comment-filters.js';
import { NewThreadForm } from './NewThreadForm.js';
import { anchorFromSelection, type NewAnchor } from './new-anchor.js';
import { ThreadCard } from './ThreadCard.js';
import { placeThreads } from './thread-places.js';
import { useDocVersion } from './use-doc-version.js';
import type { RoomComments } from './use-room-comments.js';

interface CommentsPanelProps {
  readonly room: string;
  readonly token: string;
  readonly me: CommentActor;
  /** The room's `observersMayComment` setting as last pushed by the server. */
  readonly observersMayComment: boolean;
  readonly comments: RoomComments;
  readonly view: EditorView | null;
  readonly doc: Y.Doc;
  /** Current labels by clause id. */
  readonly labels: ReadonlyMap<string, ClauseNumber>;
}

/** Scrolls the draft to a thread's highlighted words, or to its clause. */
function scrollToThread(view: EditorView, thread: CommentThread): void {
  const place = placeThreads(view.state, [thread]).get(thread.id);
  const words = view.dom.querySelector(`[data-thread="${CSS.escape(thread.id)}"]`);
  const clause = place?.clausePos != null ? view.nodeDOM(place.clausePos) : null;
  const target = words ?? (clause instanceof Element ? clause : null);
  target?.scrollIntoView({ block: 'center', behavior: 'smooth' });
}

/**
 * The comments side panel: threads in document order with their clause's current label,
 * filters (open/resolved, by delegation, mentioning my delegation), unread markers, and a form
 * to start a thread on the clause or words selected in the draft. Observers see no Comment button
 * and no reply box unless the room lets them comment.
 */
export function CommentsPanel({
  room,
  token,
  me,
  observersMayComment,
  comments,
  view,
  doc,
  labels,
}: CommentsPanelProps) {
  const canComment = mayComment(me, observersMayComment);
  const [filters, setFilters] = useState<CommentFilters>(DEFAULT_FILTERS);
  const [draft, setDraft] = useState<NewAnchor | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const version = useDocVersion(doc);
  const { threads, active } = comments;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` and `labels` mark document changes the view holds
  const places = useMemo(
    () => (view ? placeThreads(view.state, threads) : new Map()),
    [view, threads, version, labels],
  );
  const ordered = useMemo(() => {
    const key = (t: CommentThread) => {
      const place = places.get(t.id);
      return [place?.clausePos ?? Number.MAX_SAFE_INTEGER, place?.from ?? -1, t.createdAt] as const;
    };
    return threads
      .filter((t) => passesFilters(t, filters, me.delegation))
      .sort((a, b) => {
        const [x, y] = [key(a), key(b)];
        return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
      });
  }, [threads, filters, places, me.delegation]);
  const delegations = useMemo(() => threadDelegations(threads), [threads]);
  const openCount = threads.filter((t) => t.status === 'open').length;

  function startOnSelection() {
    const anchor = view ? anchorFromSelection(view.state) : null;
    setHint(anchor ? null : 'Place the cursor in a clause, or select words in it, then choose Comment.');
    setDraft(anchor);
  }

  function select(thread: CommentThread) {
    const next = active === thread.id ? null : thread.id;
    comments.select(next);
    comments.markSeen(thread);
    if (next && view) requestAnimationFrame(() => scrollToThread(view, thread));
  }

  return (
    <section className="panel comments-panel" aria-label="Comments">
      <h2>
        Comments <span className="count">{openCount}</span>
        {canComment && (
          <button type="button" className="comment-start" onClick={startOnSelection} disabled={!view}>
            Comment
          </button>
        )}
      </h2>
      {hint && <p className="comment-hint">{hint}</p>}
      {draft && canComment && (
        <NewThreadForm
          room={room}
          token={token}
          delegation={me.delegation}
          anchor={draft}
          label={labels.get(draft.clauseId)?.label ?? 'this clause'}
          onDone={(thread) => {
            setDraft(null);
            if (thread) {
              comments.feed.upsert(thread);
              comments.select(thread.id);
              comments.markSeen(thread);
            }
          }}
        />
      )}
      <div className="comment-filters">
        <select
          aria-label="Status"
          value={filters.status}
          onChange={(e) => setFilters({ ...filters, status: e.target.value as CommentFilters['status'] })}
        >
          <option value="open">Open</option>
          <option value="resolved">Resolved</option>
          <option value="all">All</option>
        </select>
        <select
          aria-label="From delegation"
          value={filters.delegation ?? ''}
          onChange={(e) => setFilters({ ...filters, delegation: e.target.value || null })}
        >
          <option value="">Every delegation</option>
          {delegations.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
        <label>
          <input
            type="checkbox"
            checked={filters.mentioningMe}
            onChange={(e) => setFilters({ ...filters, mentioningMe: e.target.checked })}
          />
          Mentioning {me.delegation}
        </label>
      </div>
      {ordered.length === 0 ? (
        <p className="comment-empty">No {filters.status === 'all' ? '' : `${filters.status} `}comments.</p>
      ) : (
        <ul className="comment-threads">
          {ordered.map((thread) => (
            <ThreadCard
              key={thread.id}
              room={room}
              token={token}
              thread={thread}
              place={places.get(thread.id)}
              label={labels.get(thread.anchor.clauseId)?.label ?? null}
              active={thread.id === active}
              unread={comments.unread(thread)}
              me={me}
              canComment={canComment}
              onSelect={() => select(thread)}
              onChanged={(changed) => {
                comments.feed.upsert(changed);
                comments.markSeen(changed);
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

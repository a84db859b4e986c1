import type { SuggestionRecord } from '@plenary/protocol';
import type { ClauseNumber } from '@plenary/schema';
import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { useMemo, useState, useSyncExternalStore } from 'react';
import type { Role } from '../api/rooms.js';
import './suggestions.css';
import { suggestionColour } from './suggestion-decorations.js';
import type { SuggestionFeed } from './suggestion-feed.js';
import {
  countsByDelegation,
  groupByClause,
  groupByDelegation,
  openSuggestions,
  type SuggestionGroup,
} from './suggestion-groups.js';
import { suggestionAuthor, suggestionTime } from './suggestion-words.js';
import { decideMany, decideOne } from './suggestions-api.js';

interface SuggestionsPanelProps {
  readonly room: string;
  readonly token: string;
  readonly me: { readonly delegation: string; readonly role: Role };
  /** The room's records, which the panel follows itself. */
  readonly feed: SuggestionFeed;
  readonly view: EditorView | null;
  readonly labels: ReadonlyMap<string, ClauseNumber>;
}

/** Selects the first stretch of text under mark `id`, scrolls to it and focuses the draft. */
function showSuggestion(view: EditorView, id: string): void {
  let found: { from: number; to: number } | null = null;
  view.state.doc.descendants((node, pos) => {
    if (found) return false;
    if (node.isText && node.marks.some((m) => m.attrs.id === id)) found = { from: pos, to: pos + node.nodeSize };
    return !node.isText;
  });
  if (!found) return;
  const { from, to } = found;
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, from, to)).scrollIntoView());
  view.focus();
}

/**
 * The Suggestions side panel: the room's open suggestions by clause or by delegation, a count
 * per delegation, and the decisions: the chair accepts or rejects one suggestion, a clause's,
 * a delegation's or all; a delegation withdraws its own. Decisions go to the server, which
 * changes the draft and pushes the new records to everyone.
 */
export function SuggestionsPanel({ room, token, me, feed, view, labels }: SuggestionsPanelProps) {
  const records = useSyncExternalStore(feed.subscribe, feed.getSnapshot);
  const [by, setBy] = useState<'clause' | 'delegation'>('clause');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = useMemo(() => openSuggestions(records), [records]);
  const groups = useMemo(
    () => (by === 'clause' ? groupByClause(open, labels) : groupByDelegation(open)),
    [by, open, labels],
  );
  const counts = useMemo(() => countsByDelegation(open), [open]);
  const chair = me.role === 'chair';

  const run = async (task: () => Promise<SuggestionRecord[]>) => {
    setBusy(true);
    setError(null);
    try {
      for (const record of await task()) feed.upsert(record);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'The decision did not reach the server.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="suggestions-panel" aria-label="Suggestions">
      <p className="suggestions-summary" data-testid="suggestion-counts">
        {open.length === 0 ? 'No open suggestions.' : `${open.length} open suggestion${open.length === 1 ? '' : 's'}: `}
        {counts.map(({ delegation, count }) => (
          <span key={delegation} className="suggestion-count" data-delegation={delegation}>
            <span className="suggestion-swatch" style={{ background: suggestionColour(delegation) }} />
            {delegation} {count}
          </span>
        ))}
      </p>
      {open.length > 0 && (
        <fieldset className="suggestions-by">
          <legend className="visually-hidden">List suggestions</legend>
          {(['clause', 'delegation'] as const).map((option) => (
            <label key={option}>
              <input type="radio" name="suggestions-by" checked={by === option} onChange={() => setBy(option)} />
              By {option}
            </label>
          ))}
        </fieldset>
      )}
      {error && (
        <p className="suggestions-error" role="alert">
          {error}
        </p>
      )}
      {groups.map((group) => (
        <GroupCard
          key={group.key}
          group={group}
          by={by}
          me={me}
          busy={busy}
          onShow={(id) => view && showSuggestion(view, id)}
          onOne={(id, action) => run(() => decideOne(room, token, id, action))}
          onGroup={(action) =>
            run(() =>
              decideMany(room, token, action, by === 'clause' ? { clauseId: group.key } : { delegation: group.key }),
            )
          }
        />
      ))}
      {chair && open.length > 0 && (
        <div className="suggestions-all">
          <button type="button" disabled={busy} onClick={() => run(() => decideMany(room, token, 'accept'))}>
            Accept all {open.length}
          </button>
          <button type="button" disabled={busy} onClick={() => run(() => decideMany(room, token, 'reject'))}>
            Reject all {open.length}
          </button>
        </div>
      )}
    </section>
  );
}

interface GroupCardProps {
  readonly group: SuggestionGroup;
  readonly by: 'clause' | 'delegation';
  readonly me: { readonly delegation: string; readonly role: Role };
  readonly busy: boolean;
  readonly onShow: (id: string) => void;
  readonly onOne: (id: string, action: 'accept' | 'reject' | 'withdraw') => void;
  readonly onGroup: (action: 'accept' | 'reject') => void;
}

function GroupCard({ group, by, me, busy, onShow, onOne, onGroup }: GroupCardProps) {
  const chair = me.role === 'chair';
  const scope = by === 'clause' ? `in ${group.heading}` : `by ${group.heading}`;
  return (
    <section className="suggestion-group" data-group={group.key} aria-label={`Suggestions ${scope}`}>
      <header className="suggestion-group-head">
        <h3>
          {group.heading} <span className="suggestion-group-count">{group.records.length}</span>
        </h3>
        {chair && group.records.length > 1 && (
          <span className="suggestion-group-actions">
            <button type="button" disabled={busy} onClick={() => onGroup('accept')} aria-label={`Accept all ${scope}`}>
              Accept all
            </button>
            <button type="button" disabled={busy} onClick={() => onGroup('reject')} aria-label={`Reject all ${scope}`}>
              Reject all
            </button>
          </span>
        )}
      </header>
      <ul className="suggestion-list">
        {group.records.map((record) => (
          <li
            key={record.id}
            className={`suggestion-item suggestion-item-${record.kind}`}
            data-suggestion={record.id}
            style={{ borderLeftColor: suggestionColour(record.delegation) }}
          >
            <button type="button" className="suggestion-text" onClick={() => onShow(record.id)}>
              <span className="suggestion-who">{suggestionAuthor(record)}</span>{' '}
              {record.kind === 'insertion' ? 'inserts' : 'deletes'}{' '}
              {record.kind === 'insertion' ? <ins>{record.text}</ins> : <del>{record.text}</del>}
            </button>
            <span className="suggestion-when">{suggestionTime(record.createdAt)}</span>
            <span className="suggestion-actions">
              {chair && (
                <>
                  <button type="button" disabled={busy} onClick={() => onOne(record.id, 'accept')}>
                    Accept
                  </button>
                  <button type="button" disabled={busy} onClick={() => onOne(record.id, 'reject')}>
                    Reject
                  </button>
                </>
              )}
              {!chair && record.delegation === me.delegation && (
                <button type="button" disabled={busy} onClick={() => onOne(record.id, 'withdraw')}>
                  Withdraw
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

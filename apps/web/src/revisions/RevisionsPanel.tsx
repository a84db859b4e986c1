import { useCallback, useEffect, useState } from 'react';
import type { Role } from '../api/rooms.js';
import { ConcordanceTable } from './ConcordanceTable.js';
import { issuedTime } from './issued-time.js';
import './revisions.css';
import {
  type Comparison,
  compareRevisions,
  concordanceExportPath,
  issueRevision,
  LIVE,
  listRevisions,
  type RevisionSummary,
  type RevisionWithDocument,
  readRevision,
  restoreRevision,
} from './revisions-api.js';

/** How often the open panel reads the list again, so a revision issued elsewhere shows up. */
const REFRESH_MS = 5000;

interface RevisionsPanelProps {
  readonly room: string;
  readonly token: string;
  readonly role: Role;
  /** Id of the revision open read-only in the room, if any. */
  readonly openId: string | null;
  /** Opens a revision read-only in the room (null closes it). */
  readonly onOpen: (revision: RevisionWithDocument | null) => void;
}

function message(failure: unknown): string {
  return failure instanceof Error ? failure.message : 'The server could not be reached.';
}

/**
 * The Revisions side panel: the chair issues a revision (label suggested: Zero draft, Rev.1 …)
 * and restores one into the live draft; everyone lists them with their hash, opens one
 * read-only, and compares any two (or one with the live draft) as a concordance table with the
 * changed clauses, exportable as HTML, Markdown or Word.
 */
export function RevisionsPanel({ room, token, role, openId, onOpen }: RevisionsPanelProps) {
  const [revisions, setRevisions] = useState<RevisionSummary[]>([]);
  const [label, setLabel] = useState('');
  const [suggested, setSuggested] = useState('Zero draft');
  const [note, setNote] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState(LIVE);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chair = role === 'chair';

  const refresh = useCallback(async () => {
    try {
      const listed = await listRevisions(room, token);
      setRevisions(listed.revisions);
      setSuggested(listed.nextLabel);
    } catch (failure) {
      setError(message(failure));
    }
  }, [room, token]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  // Compare from the newest but one by default, against the newest or the live draft.
  useEffect(() => {
    if (from === '' && revisions.length > 0) setFrom(revisions[0]?.id ?? '');
  }, [from, revisions]);

  const run = async (task: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      setStatus(await task());
    } catch (failure) {
      setError(message(failure));
    } finally {
      setBusy(false);
    }
  };

  const issue = () =>
    run(async () => {
      const made = await issueRevision(room, token, label.trim() || suggested, note);
      setLabel('');
      setNote('');
      await refresh();
      return `${made.label} issued.`;
    });

  return (
    <section className="revisions-panel" aria-label="Revisions">
      {chair && (
        <form
          className="revision-issue"
          onSubmit={(event) => {
            event.preventDefault();
            void issue();
          }}
        >
          <label>
            Label
            <input value={label} placeholder={suggested} maxLength={100} onChange={(e) => setLabel(e.target.value)} />
          </label>
          <label>
            Note
            <input value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button type="submit" disabled={busy}>
            Issue {label.trim() || suggested}
          </button>
        </form>
      )}
      {error && (
        <p className="revisions-error" role="alert">
          {error}
        </p>
      )}
      {status && (
        <p className="revisions-status" role="status">
          {status}
        </p>
      )}
      {revisions.length === 0 ? (
        <p>No revision has been issued yet.</p>
      ) : (
        <ol className="revision-list">
          {revisions.map((r) => (
            <li key={r.id} data-revision={r.id} className={r.id === openId ? 'revision-open' : undefined}>
              <strong>{r.label}</strong>{' '}
              <span className="revision-meta">
                {issuedTime(r.issuedAt)}, {r.issuedBy}
              </span>
              {r.note && <p className="revision-note">{r.note}</p>}
              <p className="revision-hash" title={`SHA-256 ${r.hash}`}>
                SHA-256 <code>{r.hash.slice(0, 16)}…</code>
              </p>
              <button
                type="button"
                disabled={busy}
                aria-pressed={r.id === openId}
                onClick={() =>
                  run(async () => {
                    onOpen(r.id === openId ? null : await readRevision(room, token, r.id));
                    return null;
                  })
                }
              >
                {r.id === openId ? `Close ${r.label}` : `Open ${r.label}`}
              </button>
              {chair && (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    run(async () => {
                      await restoreRevision(room, token, r.id);
                      onOpen(null);
                      return `${r.label} restored into the live draft.`;
                    })
                  }
                >
                  Restore {r.label}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {revisions.length > 0 && (
        <form
          className="revision-compare"
          onSubmit={(event) => {
            event.preventDefault();
            void run(async () => {
              setComparison(await compareRevisions(room, token, from, to));
              return null;
            });
          }}
        >
          <label>
            From
            <select value={from} onChange={(e) => setFrom(e.target.value)}>
              {revisions.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            To
            <select value={to} onChange={(e) => setTo(e.target.value)}>
              <option value={LIVE}>Current draft</option>
              {revisions.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={busy || from === ''}>
            Compare
          </button>
        </form>
      )}
      {comparison && (
        <>
          <ConcordanceTable comparison={comparison} />
          <p className="revision-exports">
            Concordance as{' '}
            {(['html', 'md', 'docx'] as const).map((format) => (
              <a key={format} href={concordanceExportPath(room, comparison.from.id, comparison.to.id, format)}>
                {format.toUpperCase()}{' '}
              </a>
            ))}
          </p>
        </>
      )}
    </section>
  );
}

import { type CoverageEntry, coverageEntries } from '@plenary/templates';
import type { EditorView } from 'prosemirror-view';
import { jumpTo } from '../editor/jump-to.js';
import { useDocDerived } from '../editor/use-editor.js';
import './CoveragePanel.css';

/**
 * Which of the eight responsible-behaviour criteria the draft's clauses address, which are
 * missing, and the clauses behind each (a click jumps there). Follows tagging live.
 */
export function CoveragePanel({ view }: { view: EditorView | null }) {
  const entries = useDocDerived(view, coverageEntries) ?? [];
  const covered = entries.filter((e) => e.covered).length;
  return (
    <section className="coverage" aria-label="Criteria coverage">
      <p className="coverage-summary" data-testid="coverage-summary" aria-live="polite">
        {covered} of {entries.length} criteria addressed
      </p>
      <ul className="coverage-list">
        {entries.map((entry) => (
          <CoverageRow key={entry.tag} entry={entry} view={view} />
        ))}
      </ul>
    </section>
  );
}

function CoverageRow({ entry, view }: { entry: CoverageEntry; view: EditorView | null }) {
  return (
    <li className={`coverage-row ${entry.covered ? 'covered' : 'missing'}`} data-tag={entry.tag}>
      <span className="coverage-mark" aria-hidden="true">
        {entry.covered ? '✔' : '–'}
      </span>
      <span className="coverage-title">
        {entry.title}
        <span className="visually-hidden">{entry.covered ? ', addressed' : ', missing'}</span>
      </span>
      {entry.covered ? (
        <span className="coverage-clauses">
          {entry.clauses.map((clause) => (
            <button
              key={`${clause.pos}`}
              type="button"
              className="chip"
              onClick={() => view && jumpTo(view, clause.pos)}
              aria-label={`Go to ${clause.label}`}
            >
              {clause.label}
            </button>
          ))}
        </span>
      ) : (
        <span className="coverage-missing">Not addressed</span>
      )}
    </li>
  );
}

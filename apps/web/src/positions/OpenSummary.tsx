import { CLAUSE_STATUSES } from '@plenary/schema';
import { STATUS_CUES } from '../panels/OutlinePanel.js';
import type { OpenCounts } from './open-counts.js';

/**
 * The summary bar, "what is still open": clauses by status (shape and name, as in the margin
 * and the outline), open brackets and clauses with alternatives still to be picked.
 */
export function OpenSummary({ counts }: { readonly counts: OpenCounts | null }) {
  if (!counts) return null;
  const total = CLAUSE_STATUSES.reduce((sum, s) => sum + counts.byStatus[s], 0);
  return (
    <section className="open-summary" aria-label="What is still open" data-testid="open-summary">
      <span className="open-summary-title">{total === 1 ? '1 clause' : `${total} clauses`}</span>
      {CLAUSE_STATUSES.map((status) => (
        <span key={status} className="open-summary-count" data-status={status} data-count={counts.byStatus[status]}>
          <span aria-hidden="true">{STATUS_CUES[status].shape}</span> {counts.byStatus[status]}{' '}
          {STATUS_CUES[status].name.toLowerCase()}
        </span>
      ))}
      <span className="open-summary-count" data-testid="open-brackets" data-count={counts.openBrackets}>
        [ ] {counts.openBrackets} open {counts.openBrackets === 1 ? 'bracket' : 'brackets'}
      </span>
      {counts.alternatives > 0 && (
        <span className="open-summary-count" data-testid="open-alternatives" data-count={counts.alternatives}>
          {counts.alternatives} with alternatives
        </span>
      )}
    </section>
  );
}

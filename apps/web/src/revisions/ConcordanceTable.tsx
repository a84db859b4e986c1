import type { ComparedClause, Comparison } from './revisions-api.js';

const CHANGE_WORDS: Readonly<Record<ComparedClause['change'], string>> = {
  same: 'unchanged',
  changed: 'changed',
  moved: 'moved',
  added: 'added',
  deleted: 'deleted',
};

function side(label: string | null, name: string, missing: string): string {
  return label === null ? missing : `${name} ${label}`;
}

/** The clause's text with its word-level changes, insertions underlined and deletions struck. */
function ClauseText({ clause }: { readonly clause: ComparedClause }) {
  return (
    <p className="revision-clause-text">
      {clause.text.map((piece, i) =>
        piece.change === 'ins' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces have no identity beyond their place
          <ins key={i}>{piece.text}</ins>
        ) : piece.change === 'del' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces have no identity beyond their place
          <del key={i}>{piece.text}</del>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces have no identity beyond their place
          <span key={i}>{piece.text}</span>
        ),
      )}
    </p>
  );
}

/**
 * A comparison as a concordance table ("Rev.1 OP 5 → Rev.2 OP 7"), then the clauses that are not
 * unchanged with their word-level changes.
 */
export function ConcordanceTable({ comparison }: { readonly comparison: Comparison }) {
  const { from, to, clauses } = comparison;
  const changed = clauses.filter((c) => c.change !== 'same');
  return (
    <div className="revision-comparison">
      <table className="concordance" aria-label={`Concordance ${from.label} to ${to.label}`}>
        <thead>
          <tr>
            <th scope="col">{from.label}</th>
            <th scope="col">{to.label}</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {clauses.map((c) => (
            <tr key={c.clauseId} className={`concordance-${c.change}`} data-clause={c.clauseId}>
              <td>{side(c.from, from.label, 'new')}</td>
              <td>{side(c.to, to.label, 'deleted')}</td>
              <td>
                {CHANGE_WORDS[c.change]}
                {c.status ? `; status ${c.status.from} → ${c.status.to}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Changes</h4>
      {changed.length === 0 ? (
        <p>No clause changed.</p>
      ) : (
        changed.map((c) => (
          <div key={c.clauseId} className="revision-clause" data-change={c.change}>
            <p className="revision-clause-label">
              {side(c.from, from.label, 'new')} → {side(c.to, to.label, 'deleted')} ({CHANGE_WORDS[c.change]})
            </p>
            <ClauseText clause={c} />
          </div>
        ))
      )}
    </div>
  );
}

import { type ClauseNumber, type PositionsView, positionSummary } from '@plenary/schema';
import type { EditorView } from 'prosemirror-view';
import { jumpTo } from '../editor/jump-to.js';
import { numberingPluginKey } from '../editor/numbering-plugin.js';
import type { OpenCounts } from './open-counts.js';

interface PositionsPanelProps {
  readonly view: EditorView | null;
  readonly positions: PositionsView | null;
  readonly counts: OpenCounts | null;
  readonly labels: ReadonlyMap<string, ClauseNumber>;
}

/**
 * The position of clause `clauseId` in the editor, to jump to: from the view's numbering, since
 * `labels` is passed on only when a label changes and its positions lag behind typing.
 */
function clausePos(view: EditorView, clauseId: string): number | null {
  return numberingPluginKey.getState(view.state)?.numbers.find((n) => n.id === clauseId)?.pos ?? null;
}

/**
 * The Positions panel: open brackets per part of the draft and per delegation, then every open
 * bracket and every clause with alternatives, each with "Proposed by …; supported by …;
 * opposed by …" derived from the server's records; a click goes to the clause.
 */
export function PositionsPanel({ view, positions, counts, labels }: PositionsPanelProps) {
  if (!positions || !counts) return <p className="muted">Loading the positions…</p>;
  const go = (clauseId: string) => {
    const pos = view ? clausePos(view, clauseId) : null;
    if (view && pos !== null) jumpTo(view, pos);
  };
  return (
    <div className="positions-panel" data-testid="positions-panel">
      <h3>Open, by part of the draft</h3>
      <table className="positions-table" data-testid="open-by-part">
        <thead>
          <tr>
            <th scope="col">Part</th>
            <th scope="col">Clauses not agreed</th>
            <th scope="col">Open brackets</th>
          </tr>
        </thead>
        <tbody>
          {counts.parts.map((part) => (
            <tr key={part.name} data-part={part.name}>
              <th scope="row">{part.name}</th>
              <td>{part.openClauses}</td>
              <td>{part.openBrackets}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Open brackets, by delegation</h3>
      {counts.delegations.length === 0 ? (
        <p className="muted">No open brackets.</p>
      ) : (
        <ul className="positions-delegations" data-testid="open-by-delegation">
          {counts.delegations.map((d) => (
            <li key={d.delegation} data-delegation={d.delegation}>
              {d.delegation}: {d.openBrackets}
            </li>
          ))}
        </ul>
      )}
      <h3>Brackets</h3>
      {positions.brackets.length === 0 && <p className="muted">No open brackets.</p>}
      <ul className="positions-list">
        {positions.brackets.map((bracket) => (
          <li key={bracket.id} data-bracket={bracket.id}>
            <button type="button" className="link-button" onClick={() => go(bracket.clauseId)}>
              {labels.get(bracket.clauseId)?.label ?? 'Clause'}
            </button>{' '}
            <q>[{bracket.text}]</q>
            <span className="positions-summary">{positionSummary(bracket.proposedBy, bracket.stances)}</span>
          </li>
        ))}
      </ul>
      <h3>Alternatives</h3>
      {positions.alternatives.length === 0 && <p className="muted">No alternatives to choose between.</p>}
      <ul className="positions-list">
        {positions.alternatives.map((group) => (
          <li key={group.id} data-alternatives={group.id}>
            <button type="button" className="link-button" onClick={() => go(group.clauseId)}>
              {labels.get(group.clauseId)?.label ?? 'Clause'}
            </button>
            <ul>
              {group.options.map((option) => (
                <li key={option.id} data-option={option.id}>
                  <strong>{option.label}</strong> {option.text ? <q>{option.text}</q> : <em>no text</em>}
                  <span className="positions-summary">
                    {positionSummary(option.proposedBy, option.stances) || 'Original text'}
                  </span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}

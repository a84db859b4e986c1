import type { PositionRecords, Stance } from '@plenary/protocol';
import './positions.css';
import { CLAUSE_STATUSES, type ClauseNumber, type ClauseStatus } from '@plenary/schema';
import type { EditorView } from 'prosemirror-view';
import { useState } from 'react';
import type { Role } from '../api/rooms.js';
import { useEditorSelect } from '../editor/use-editor.js';
import { STATUS_CUES } from '../panels/OutlinePanel.js';
import { type PositionAtCaret, positionKey } from './position-at-caret.js';
import { recordSummary } from './position-decorations.js';
import { pickAlternative, removeBracket, setClauseStatus, takeStance } from './positions-api.js';

interface PositionBarProps {
  readonly view: EditorView | null;
  readonly room: string;
  readonly token: string;
  readonly me: { readonly delegation: string; readonly role: Role };
  readonly records: PositionRecords;
  readonly labels: ReadonlyMap<string, ClauseNumber>;
}

/** What a request failed with, in words. */
function failure(error: unknown): string {
  return error instanceof Error ? error.message : 'The server did not take this.';
}

interface StanceButtonsProps {
  readonly target: string;
  readonly records: PositionRecords;
  readonly me: PositionBarProps['me'];
  readonly act: (what: () => Promise<void>) => void;
  readonly send: (target: string, stance: Stance) => Promise<void>;
}

/** Support / Object for a delegation on another's proposal; its current stance pressed. */
function StanceButtons({ target, records, me, act, send }: StanceButtonsProps) {
  const proposer = records.proposals.find((p) => p.id === target)?.proposedBy;
  if (me.role !== 'delegate' || proposer === me.delegation) return null;
  const mine = records.stances.find((s) => s.target === target && s.delegation === me.delegation)?.stance;
  return (
    <fieldset className="stance-buttons" aria-label={`Stance of ${me.delegation}`}>
      {(['support', 'object'] as const).map((stance) => (
        <button
          key={stance}
          type="button"
          aria-pressed={mine === stance}
          data-stance={stance}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => act(() => send(target, stance))}
        >
          {stance === 'support' ? 'Support' : 'Object'}
        </button>
      ))}
    </fieldset>
  );
}

/**
 * The negotiation at the cursor (what hovering shows, for the keyboard and for acting): the
 * clause's label and status — which the chair sets here —, and for a bracket or an alternative
 * who proposed it and who supports or objects, with Support/Object for the other delegations,
 * Remove bracket and Pick for the chair. All of it comes from the server's records.
 */
export function PositionBar({ view, room, token, me, records, labels }: PositionBarProps) {
  const key = useEditorSelect(view, positionKey, '');
  const [problem, setProblem] = useState<string | null>(null);
  if (!key) return <div className="position-bar" data-testid="position-bar" />;
  const at = JSON.parse(key) as PositionAtCaret;
  const label = labels.get(at.clauseId)?.label ?? 'This clause';
  const status = at.status as ClauseStatus;
  const cue = STATUS_CUES[status];
  const act = (what: () => Promise<void>) => {
    setProblem(null);
    what().catch((error: unknown) => setProblem(failure(error)));
    view?.focus();
  };
  const send = (target: string, stance: Stance) => takeStance(room, token, target, stance);
  const bracketSummary = at.bracket ? recordSummary(records, at.bracket) : '';
  const alternativeSummary = at.alternative ? recordSummary(records, at.alternative.id) : '';
  return (
    <div className="position-bar" data-testid="position-bar" aria-live="polite">
      <span className="position-clause" data-status={status}>
        {label}:{' '}
        {me.role === 'chair' ? (
          <select
            aria-label={`Status of ${label}`}
            data-testid="status-select"
            value={status}
            onChange={(event) =>
              act(() => setClauseStatus(room, token, at.clauseId, event.target.value as ClauseStatus))
            }
          >
            {CLAUSE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_CUES[s].shape} {STATUS_CUES[s].name}
              </option>
            ))}
          </select>
        ) : (
          <span data-testid="status-name">
            <span aria-hidden="true">{cue.shape}</span> {cue.name}
          </span>
        )}
      </span>
      {at.bracket && (
        <span className="position-item" data-testid="bracket-at-caret" data-bracket={at.bracket}>
          <span className="position-kind">[Bracket]</span> {bracketSummary || 'Not yet recorded by the server'}
          <StanceButtons target={at.bracket} records={records} me={me} act={act} send={send} />
          {me.role === 'chair' && (
            <button
              type="button"
              data-action="remove-bracket"
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => act(() => removeBracket(room, token, at.bracket ?? ''))}
            >
              Remove bracket (agreed)
            </button>
          )}
        </span>
      )}
      {at.alternative && (
        <span className="position-item" data-testid="alternative-at-caret" data-alternative={at.alternative.id}>
          <span className="position-kind">{at.alternative.label}</span> {alternativeSummary || 'Original text'}
          <StanceButtons target={at.alternative.id} records={records} me={me} act={act} send={send} />
          {me.role === 'chair' && (
            <button
              type="button"
              data-action="pick-alternative"
              onMouseDown={(event) => event.preventDefault()}
              onClick={() =>
                act(() => pickAlternative(room, token, at.alternative?.groupId ?? '', at.alternative?.id ?? ''))
              }
            >
              Pick {at.alternative.label}
            </button>
          )}
        </span>
      )}
      {problem && (
        <span className="position-problem" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}

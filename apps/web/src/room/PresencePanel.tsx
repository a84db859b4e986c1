import type { ClauseNumber } from '@plenary/schema';
import type { Awareness } from 'y-protocols/awareness';
import { groupByDelegation } from '../collab/presence.js';
import { useParticipants } from '../collab/use-participants.js';

const ROLE_NAMES = { chair: 'Chair', delegate: 'Delegate', observer: 'Observer' } as const;

interface PresencePanelProps {
  readonly awareness: Awareness;
  /** Current labels by clause id, to say who is in which clause. */
  readonly labels: ReadonlyMap<string, ClauseNumber>;
}

/** Who is in the room, grouped by delegation, with their role and the clause they are in. */
export function PresencePanel({ awareness, labels }: PresencePanelProps) {
  const participants = useParticipants(awareness);
  const groups = groupByDelegation(participants);
  return (
    <section className="panel presence" aria-label="In the room">
      <h2>
        In the room <span className="count">{participants.length}</span>
      </h2>
      <ul className="delegations">
        {[...groups].map(([delegation, people]) => (
          <li key={delegation} className="delegation" data-delegation={delegation}>
            <span className="delegation-name">
              <span className="swatch" style={{ backgroundColor: people[0]?.user.color }} aria-hidden="true" />
              {delegation}
            </span>
            <ul className="people">
              {people.map((person) => {
                const where = person.clause ? labels.get(person.clause)?.label : undefined;
                return (
                  <li key={person.clientId} className="person" data-person={person.user.name}>
                    <span className="person-name">
                      {person.user.name}
                      {person.isSelf ? ' (you)' : ''}
                    </span>
                    <span className="person-role">{ROLE_NAMES[person.user.role]}</span>
                    {where && (
                      <span className="person-where" data-testid="person-clause">
                        in {where}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}

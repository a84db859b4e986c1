import { type FormEvent, useState } from 'react';
import { createInvite, type Role } from '../api/rooms.js';

const TTL_CHOICES = [
  { label: '1 day', seconds: 86400 },
  { label: '7 days', seconds: 7 * 86400 },
  { label: '14 days', seconds: 14 * 86400 },
  { label: '30 days', seconds: 30 * 86400 },
] as const;

/** The link that opens `room` with `token`, on this app's own origin. */
export function inviteLink(room: string, token: string): string {
  return `${window.location.origin}/rooms/${encodeURIComponent(room)}#invite=${token}`;
}

/** The chair's form to mint an invite link for a delegation and role, and copy it. */
export function InvitePanel({ room, token }: { room: string; token: string }) {
  const [delegation, setDelegation] = useState('');
  const [person, setPerson] = useState('');
  const [role, setRole] = useState<Role>('delegate');
  const [ttl, setTtl] = useState<number>(14 * 86400);
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setCopied(false);
    try {
      const invite = await createInvite(room, token, {
        delegation: delegation.trim(),
        role,
        ttl,
        ...(person.trim() ? { name: person.trim() } : {}),
      });
      setLink(inviteLink(room, invite.token));
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : 'The invite could not be made');
    }
  };

  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setError('Copying is blocked here: select the link and copy it.');
    }
  };

  return (
    <section className="panel invites" aria-label="Invite a delegation">
      <h2>Invite a delegation</h2>
      <form onSubmit={(event) => void submit(event)}>
        <label>
          Delegation
          <input
            name="delegation"
            value={delegation}
            onChange={(e) => setDelegation(e.target.value)}
            placeholder="e.g. Kenya, EU, G77 and China"
            required
            maxLength={100}
          />
        </label>
        <label>
          Person <span className="optional">(optional)</span>
          <input name="person" value={person} onChange={(e) => setPerson(e.target.value)} maxLength={100} />
        </label>
        <div className="form-row">
          <label>
            Role
            <select name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              <option value="delegate">Delegate</option>
              <option value="observer">Observer</option>
              <option value="chair">Chair</option>
            </select>
          </label>
          <label>
            Valid for
            <select name="ttl" value={ttl} onChange={(e) => setTtl(Number(e.target.value))}>
              {TTL_CHOICES.map((choice) => (
                <option key={choice.seconds} value={choice.seconds}>
                  {choice.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <button type="submit" disabled={delegation.trim() === ''}>
          Make invite link
        </button>
      </form>
      {link && (
        <div className="invite-result">
          <input
            readOnly
            value={link}
            aria-label="Invite link"
            data-testid="invite-link"
            onFocus={(e) => e.target.select()}
          />
          <button type="button" onClick={() => void copy()}>
            {copied ? 'Copied' : 'Copy'}
          </button>
        </div>
      )}
      {error && <p className="form-error">{error}</p>}
    </section>
  );
}

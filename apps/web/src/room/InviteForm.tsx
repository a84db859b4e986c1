import { type FormEvent, useRef, useState } from 'react';
import { createInvite, type Role } from '../api/rooms.js';

/** How long an invite lasts; a negotiation runs for weeks, so the default is 14 days. */
export const TTL_CHOICES = [
  { label: '1 day', days: 1 },
  { label: '7 days', days: 7 },
  { label: '14 days', days: 14 },
  { label: '30 days', days: 30 },
  { label: '90 days', days: 90 },
] as const;

const DEFAULT_TTL_DAYS = 14;

/** The link that opens `room` with `token`, on this app's own origin. */
export function inviteLink(room: string, token: string): string {
  return `${window.location.origin}/rooms/${encodeURIComponent(room)}#invite=${token}`;
}

/** Copies `text`, falling back to selecting `input` and the legacy copy command. */
async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    input?.select();
    return document.execCommand('copy');
  }
}

interface InviteFormProps {
  readonly room: string;
  readonly token: string;
  /** Called after an invite was made, so the list of holders can refresh. */
  readonly onInvited: () => void;
}

/** The chair's form: an invite link per delegation and role with an expiry, and a copy button. */
export function InviteForm({ room, token, onInvited }: InviteFormProps) {
  const [delegation, setDelegation] = useState('');
  const [person, setPerson] = useState('');
  const [role, setRole] = useState<Role>('delegate');
  const [days, setDays] = useState<number>(DEFAULT_TTL_DAYS);
  const [link, setLink] = useState<{ url: string; summary: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const linkInput = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setCopied(false);
    setBusy(true);
    try {
      const invite = await createInvite(room, token, {
        delegation: delegation.trim(),
        role,
        ttl: days * 86400,
        ...(person.trim() ? { name: person.trim() } : {}),
      });
      const who = person.trim() ? `${delegation.trim()} · ${person.trim()}` : delegation.trim();
      const until = new Date(invite.expiresAt).toLocaleDateString(undefined, { dateStyle: 'medium' });
      setLink({ url: inviteLink(room, invite.token), summary: `${who}, ${role}, valid until ${until}` });
      onInvited();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : 'The invite could not be made');
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!link) return;
    if (await copyText(link.url, linkInput.current)) setCopied(true);
    else setError('Copying is blocked here: select the link and copy it.');
  };

  return (
    <form className="invite-form" onSubmit={(event) => void submit(event)} aria-label="Make an invite link">
      <div className="form-row">
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
      </div>
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
          <select name="ttl" value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {TTL_CHOICES.map((choice) => (
              <option key={choice.days} value={choice.days}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="make-invite" disabled={busy || delegation.trim() === ''}>
          Make invite link
        </button>
      </div>
      {link && (
        <div className="invite-result">
          <p className="invite-summary">{link.summary}</p>
          <div className="invite-copy">
            <input
              ref={linkInput}
              readOnly
              value={link.url}
              aria-label="Invite link"
              data-testid="invite-link"
              onFocus={(e) => e.target.select()}
            />
            <button type="button" onClick={() => void copy()}>
              Copy link
            </button>
          </div>
        </div>
      )}
      <p className="copy-status" role="status" aria-live="polite">
        {copied ? 'Link copied to the clipboard. Send it to the delegation by a channel you trust.' : ''}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

import { useState } from 'react';
import { type AccessHolder, type RevocationTarget, revokeAccess } from '../api/rooms.js';

const ROLE_NAMES = { chair: 'Chair', delegate: 'Delegate', observer: 'Observer' } as const;

interface PendingRevocation {
  readonly target: RevocationTarget;
  readonly label: string;
}

interface AccessListProps {
  readonly room: string;
  readonly token: string;
  /** The viewer's own person id, marked "(you)" and not offered for revocation. */
  readonly self: string | null;
  readonly holders: readonly AccessHolder[] | null;
  readonly error: string | null;
  /** Called after a revocation, so the list refreshes. */
  readonly onChanged: () => void;
}

function expiry(holder: AccessHolder): string {
  return new Date(holder.expiresAt).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

function personLabel(holder: AccessHolder): string {
  return holder.name === holder.delegation ? 'Unnamed invite' : holder.name;
}

/**
 * Who holds access to the room: delegation, person, role, expiry and whether they are connected
 * now, with revocation of a person or a whole delegation after a confirmation.
 */
export function AccessList({ room, token, self, holders, error, onChanged }: AccessListProps) {
  const [pending, setPending] = useState<PendingRevocation | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const confirm = async () => {
    if (!pending) return;
    try {
      await revokeAccess(room, token, pending.target);
      setPending(null);
      setFailure(null);
      onChanged();
    } catch (cause) {
      setFailure(cause instanceof Error ? cause.message : 'The revocation failed');
    }
  };

  return (
    <section className="access-list" aria-labelledby="access-list-title">
      <h3 id="access-list-title">Who holds access</h3>
      {error && <p className="form-error">{error}</p>}
      {holders === null ? (
        <p className="loading">Reading the list…</p>
      ) : holders.length === 0 ? (
        <p className="empty">Nobody holds an invite yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Delegation</th>
              <th scope="col">Person</th>
              <th scope="col">Role</th>
              <th scope="col">Expires</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {holders.map((holder) => (
              <tr key={holder.person} data-delegation={holder.delegation} data-revoked={holder.revoked}>
                <td>{holder.delegation}</td>
                <td>
                  {personLabel(holder)}
                  {holder.person === self && <span className="muted"> (you)</span>}
                </td>
                <td>{ROLE_NAMES[holder.role]}</td>
                <td>{expiry(holder)}</td>
                <td className="holder-status">
                  {holder.revoked ? 'Revoked' : holder.connected ? 'Connected now' : 'Not connected'}
                </td>
                <td className="holder-actions">
                  {!holder.revoked && holder.person !== self && (
                    <>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() =>
                          setPending({
                            target: { person: holder.person },
                            label: `${personLabel(holder)} (${holder.delegation})`,
                          })
                        }
                      >
                        Revoke person
                      </button>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() =>
                          setPending({
                            target: { delegation: holder.delegation },
                            label: `every invite of ${holder.delegation}`,
                          })
                        }
                      >
                        Revoke delegation
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pending && (
        <div className="confirm-revoke" role="alertdialog" aria-labelledby="confirm-revoke-text">
          <p id="confirm-revoke-text">
            Revoke access for {pending.label}? Their open windows close at once; a new invite can be made later.
          </p>
          <button type="button" className="danger" onClick={() => void confirm()}>
            Revoke
          </button>
          <button type="button" onClick={() => setPending(null)}>
            Cancel
          </button>
        </div>
      )}
      {failure && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
    </section>
  );
}

import { useEffect, useRef, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { useParticipants } from '../collab/use-participants.js';
import { AccessList } from './AccessList.js';
import { InviteForm } from './InviteForm.js';
import { presenceMembership } from './presence-membership.js';
import { useAccessHolders } from './use-access-holders.js';

interface ShareProps {
  readonly room: string;
  readonly token: string;
  /** The chair's own person id: their row is marked and cannot be revoked from here. */
  readonly self: string | null;
  /** The room's awareness: the list re-reads who is connected when someone joins or leaves. */
  readonly awareness: Awareness;
}

/**
 * The chair's share dialog: a modal `<dialog>` (the browser gives it the dialog role, traps
 * focus inside, closes on Escape and returns focus to the button that opened it). It makes
 * invite links and lists who holds access, with revocation.
 */
export function ShareDialog({
  room,
  token,
  self,
  awareness,
  open,
  onClose,
}: ShareProps & { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const membership = presenceMembership(useParticipants(awareness));
  const { holders, error, refresh } = useAccessHolders(room, token, open, membership);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      // Start where the chair types first: the delegation of the next invite.
      element.querySelector<HTMLInputElement>('input[name="delegation"]')?.focus();
    }
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog ref={dialog} className="share-dialog" aria-labelledby="share-title" onClose={onClose}>
      <header className="share-header">
        <h2 id="share-title">Share this room</h2>
        <button type="button" className="close-button" onClick={onClose} aria-label="Close the share dialog">
          ×
        </button>
      </header>
      <p className="share-intro">
        Each invite speaks for one delegation in one role. Anyone holding the link can use it until it expires or you
        revoke it.
      </p>
      {open && <InviteForm room={room} token={token} onInvited={refresh} />}
      <AccessList room={room} token={token} self={self} holders={holders} error={error} onChanged={refresh} />
    </dialog>
  );
}

/** The chair's side panel entry to the share dialog. */
export function SharePanel({ room, token, self, awareness }: ShareProps) {
  const [open, setOpen] = useState(false);
  return (
    <section className="panel share" aria-label="Access">
      <h2>Access</h2>
      <p>Invite delegations and observers, and see who holds access.</p>
      <button type="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Share…
      </button>
      <ShareDialog
        room={room}
        token={token}
        self={self}
        awareness={awareness}
        open={open}
        onClose={() => setOpen(false)}
      />
    </section>
  );
}

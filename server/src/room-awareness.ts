import { MessageType } from '@plenary/protocol';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { broadcast } from './broadcast.js';
import type { RoomMember } from './room-member.js';

/** The origin of awareness states that came from another process of the cluster. */
export const REMOTE_AWARENESS = 'remote';

/** Encodes an awareness message for `clients` (all current states when omitted). */
export function encodeAwarenessMessage(awareness: awarenessProtocol.Awareness, clients?: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(
    encoder,
    awarenessProtocol.encodeAwarenessUpdate(awareness, clients ?? [...awareness.getStates().keys()]),
  );
  return encoding.toUint8Array(encoder);
}

/**
 * A room's awareness (presence and cursors): every change is broadcast to all members, and the
 * states a member published are removed when it leaves. Members apply their updates with
 * themselves as the origin, which is how the states each one published are known. The server
 * has no presence of its own.
 */
export class RoomAwareness {
  readonly awareness: awarenessProtocol.Awareness;
  /** Awareness client ids each member has published (removed when it leaves). */
  private readonly published = new WeakMap<RoomMember, Set<number>>();

  /**
   * @param onLocalChange told of every change made by this process's members (not of states
   *   applied with {@link REMOTE_AWARENESS}), as an awareness update: the cluster publishes it.
   */
  constructor(
    private readonly members: ReadonlySet<RoomMember>,
    private readonly onLocalChange: ((update: Uint8Array) => void) | null = null,
  ) {
    this.awareness = new awarenessProtocol.Awareness(new Y.Doc());
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onUpdate);
  }

  /**
   * Removes the states `member` published; called once it is no longer a member. A client that
   * reconnected before its old socket was noticed gone shares its client id with the new
   * connection; that state stays.
   */
  removeMember(member: RoomMember): void {
    const ids = [...(this.published.get(member) ?? [])].filter((id) => !this.ownedElsewhere(id, member));
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, member);
  }

  /** Stops broadcasting and releases the awareness. */
  destroy(): void {
    this.awareness.off('update', this.onUpdate);
    this.awareness.destroy();
  }

  /** Whether another member than `member` has taken `clientId` as its own. */
  private ownedElsewhere(clientId: number, member: RoomMember): boolean {
    for (const other of this.members) if (other !== member && other.ownClientId === clientId) return true;
    return false;
  }

  private readonly onUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = added.concat(updated, removed);
    if (changed.length === 0) return;
    if (origin && typeof origin === 'object') {
      const from = origin as RoomMember;
      let ids = this.published.get(from);
      if (!ids) {
        ids = new Set();
        this.published.set(from, ids);
      }
      for (const id of added.concat(updated)) ids.add(id);
      for (const id of removed) ids.delete(id);
    }
    broadcast(this.members, encodeAwarenessMessage(this.awareness, changed), null);
    if (this.onLocalChange && origin && typeof origin === 'object') {
      this.onLocalChange(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    }
  };

  /** Applies presence from another process's clients and passes it on to this process's members. */
  applyRemote(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_AWARENESS);
  }
}

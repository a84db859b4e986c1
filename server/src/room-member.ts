import type { ExtensionName } from '@plenary/protocol';
import type { WireFrame } from './frame.js';
import type { Provenance } from './storage/storage.js';
import type { Identity } from './tokens.js';

/**
 * What a room needs from one of its connections, and all it may use: who it is, the client id
 * it speaks for, and how to send it frames, acknowledge its writes and close it.
 */
export interface RoomMember {
  /** The token's identity; the update path checks the rules of DESIGN §3 against it. */
  readonly identity: Identity;
  /** Who this member writes as, for the room's authorship binding. */
  readonly authorKey: string;
  /** The Yjs client id this member speaks for, once it has published or written with one. */
  readonly ownClientId: number | null;
  /** Whether the socket is open and not closing. */
  readonly isOpen: boolean;
  /** Who this member writes as, recorded with every stored update. */
  provenance(): Provenance;
  /** Takes the first client id of an accepted write as its own (see {@link ownClientId}). */
  adoptClientIds(clients: readonly number[]): void;
  /** Whether the client opted in to extension `name` with `?ext=`. */
  wants(name: ExtensionName): boolean;
  /** Sends one message to this member alone. */
  send(message: Uint8Array): void;
  /** Writes a frame built once for many recipients. */
  sendFrame(frame: WireFrame): void;
  /** Tells the client (when it opted in) how many of its writes are stored. */
  acknowledge(stored: number): void;
  /** Closes the socket with `code` and `reason`. */
  close(code: number, reason: string): void;
}

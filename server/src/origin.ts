import type { RoomMember } from './room-member.js';

/**
 * Transaction origins on the server's documents. Every `transact`/`applyUpdate` passes one, so
 * listeners can tell a client's write from the server's own changes and from loading.
 */
export type TransactionOrigin =
  | { readonly kind: 'connection'; readonly connection: RoomMember }
  | { readonly kind: 'server'; readonly reason: string }
  | { readonly kind: 'load' }
  | { readonly kind: 'remote' };

export const LOAD_ORIGIN: TransactionOrigin = { kind: 'load' };

/** Updates stored by another server process of the cluster, applied here. */
export const REMOTE_ORIGIN: TransactionOrigin = { kind: 'remote' };

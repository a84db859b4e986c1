import type { InviteRecord, Storage } from './storage/storage.js';
import { ANY_ROOM, type Identity, type MintedToken, type TokenAuthority, type TokenClaims } from './tokens.js';

/**
 * The path of an invite link: the token rides in the fragment, which browsers never send to
 * the server (DESIGN §5).
 */
export function invitePath(room: string, token: string): string {
  return `/rooms/${room}#invite=${token}`;
}

/** Longest lifetime of an invite or a renewed session token: 90 days. */
export const MAX_TOKEN_TTL_SECONDS = 90 * 86400;

/** Lifetime of an invite (and of a room creator's chair token) when none is asked for: 14 days. */
export const DEFAULT_INVITE_TTL_SECONDS = 14 * 86400;

/** A fresh person id for an invite that names nobody yet, so the person can be revoked alone. */
export function newPersonId(): string {
  return `p-${crypto.randomUUID()}`;
}

/**
 * How an access record names who issued a token or revocation: the delegation, and the
 * person's name when it differs (person ids are opaque, so they are not shown).
 */
export function issuerOf(identity: Identity): string {
  return identity.name !== identity.delegation ? `${identity.delegation} (${identity.name})` : identity.delegation;
}

/**
 * Mints a token for a room and records it as an invite (DESIGN §3 "access records"), so the
 * chair can list who holds access. Every token gets a person id (`sub`): the given one, or a
 * fresh one. Operator tokens (room `*`) are not recorded: they belong to no room.
 */
export async function issueInvite(
  deps: { readonly storage: Storage; readonly tokens: TokenAuthority },
  claims: TokenClaims,
  issuedBy: string,
): Promise<MintedToken & { readonly person: string }> {
  const person = claims.person ?? newPersonId();
  const minted = await deps.tokens.mint({ ...claims, person });
  if (claims.room !== ANY_ROOM) {
    const record: InviteRecord = {
      room: claims.room,
      jti: minted.jti,
      delegation: claims.delegation,
      role: claims.role,
      name: claims.name ?? claims.delegation,
      person,
      issuedAt: minted.issuedAt * 1000,
      expiresAt: minted.expiresAt * 1000,
      issuedBy,
    };
    await deps.storage.addInvite(record);
  }
  return { ...minted, person };
}

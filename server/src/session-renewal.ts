import { issueInvite, MAX_TOKEN_TTL_SECONDS } from './invite.js';
import type { Storage } from './storage/storage.js';
import type { Identity, MintedToken, TokenAuthority } from './tokens.js';

/** Lifetime given to a renewed token whose original does not say when it was issued. */
const DEFAULT_RENEWED_TTL_SECONDS = 14 * 86400;

/**
 * Renews a session token: a fresh token with the same room, role, delegation, name and person,
 * valid for the original's lifetime (`exp − iat`, capped at 90 days) from now. The caller has
 * already verified the token (so it is unexpired), checked it covers the room and is not
 * revoked. The renewed token is recorded like an invite, issued by "renewal". A token that
 * named no person gets a fresh person id, as every issued token does.
 */
export async function renewSession(
  deps: { readonly storage: Storage; readonly tokens: TokenAuthority },
  identity: Identity,
): Promise<MintedToken> {
  const lifetime = identity.iat === null ? DEFAULT_RENEWED_TTL_SECONDS : identity.exp - identity.iat;
  const ttlSeconds = Math.min(Math.max(lifetime, 60), MAX_TOKEN_TTL_SECONDS);
  return issueInvite(
    deps,
    {
      room: identity.room,
      delegation: identity.delegation,
      role: identity.role,
      ttlSeconds,
      ...(identity.person ? { person: identity.person } : {}),
      ...(identity.name !== identity.delegation ? { name: identity.name } : {}),
    },
    'renewal',
  );
}

import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

/** Roles a token can grant (DESIGN §1). */
export const ROLES = ['chair', 'delegate', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** The operator's room claim: chairs every room and may create rooms. */
export const ANY_ROOM = '*';

const ClaimsSchema = z.object({
  room: z.string().min(1).max(64),
  delegation: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  exp: z.number().int(),
  nbf: z.number().int().optional(),
  iat: z.number().int().optional(),
  sub: z.string().min(1).max(200).optional(),
  name: z.string().trim().min(1).max(100).optional(),
  jti: z.string().max(200).optional(),
});

/** The verified identity a token carries. */
export interface Identity {
  readonly room: string;
  readonly delegation: string;
  readonly role: Role;
  /** Person id (`sub`), when the token names one. */
  readonly person: string | null;
  /** Display name; defaults to the delegation. */
  readonly name: string;
  /** Expiry, seconds since the epoch. */
  readonly exp: number;
  /** Issued at, seconds since the epoch; null when the token does not say (revocations refuse it). */
  readonly iat: number | null;
  readonly jti: string | null;
}

/** The token is missing, malformed, badly signed, expired, not yet valid or lacks a claim. */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

/** Longest token accepted; anything longer is refused before any parsing. */
export const MAX_TOKEN_LENGTH = 4096;

/** Verified tokens remembered at most; the oldest is forgotten first. */
const VERIFIED_CACHE_SIZE = 1000;

/**
 * Issues and verifies HS256 tokens with one secret. The algorithm is pinned.
 *
 * A token that verified once is remembered by its exact string, so the many connections of one
 * token (a join storm, reconnects) skip the signature check and the claim parsing; expiry is
 * still checked on every use. Revocation is not a property of the token and is checked by the
 * caller every time.
 */
export class TokenAuthority {
  private readonly key: Uint8Array;
  private readonly verified = new Map<string, Identity>();

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  /** Verifies `token` and returns its identity, or throws `InvalidTokenError` saying why. */
  async verify(token: string | null | undefined): Promise<Identity> {
    if (!token) throw new InvalidTokenError('token missing');
    if (token.length > MAX_TOKEN_LENGTH) throw new InvalidTokenError('token too long');
    const known = this.verified.get(token);
    if (known) {
      if (known.exp <= Math.floor(Date.now() / 1000)) {
        this.verified.delete(token);
        throw new InvalidTokenError('token expired');
      }
      return known;
    }
    const identity = await this.verifySignedToken(token);
    if (this.verified.size >= VERIFIED_CACHE_SIZE) {
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) this.verified.delete(oldest);
    }
    this.verified.set(token, identity);
    return identity;
  }

  private async verifySignedToken(token: string): Promise<Identity> {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], requiredClaims: ['exp'] }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new InvalidTokenError('token expired');
      if (error instanceof errors.JWTClaimValidationFailed) {
        throw new InvalidTokenError(`token claim invalid: ${error.claim}`);
      }
      throw new InvalidTokenError('token invalid');
    }
    const claims = ClaimsSchema.safeParse(payload);
    if (!claims.success) {
      const field = claims.error.issues[0]?.path.join('.') ?? 'claims';
      throw new InvalidTokenError(`token claim invalid: ${field}`);
    }
    const c = claims.data;
    return {
      room: c.room,
      delegation: c.delegation,
      role: c.role,
      person: c.sub ?? null,
      name: c.name ?? c.delegation,
      exp: c.exp,
      iat: c.iat ?? null,
      jti: c.jti ?? null,
    };
  }

  /** Signs a token with a fresh `jti`, valid for `ttlSeconds` from now. */
  async issue(claims: TokenClaims): Promise<string> {
    return (await this.mint(claims)).token;
  }

  /**
   * Signs a token like {@link issue} and also returns what an access record needs: its `jti`
   * and its issue and expiry times.
   */
  async mint(claims: TokenClaims): Promise<MintedToken> {
    const payload: Record<string, string> = { room: claims.room, delegation: claims.delegation, role: claims.role };
    if (claims.name) payload.name = claims.name;
    const issuedAt = Math.floor(Date.now() / 1000);
    const expiresAt = issuedAt + claims.ttlSeconds;
    const jti = crypto.randomUUID();
    const jwt = new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .setJti(jti);
    if (claims.person) jwt.setSubject(claims.person);
    return { token: await jwt.sign(this.key), jti, issuedAt, expiresAt };
  }
}

/** What a new token says. `person` becomes `sub`; `name` is left out when not given. */
export interface TokenClaims {
  readonly room: string;
  readonly delegation: string;
  readonly role: Role;
  readonly ttlSeconds: number;
  readonly person?: string;
  readonly name?: string;
}

/** A freshly signed token with its id and times (seconds since the epoch). */
export interface MintedToken {
  readonly token: string;
  readonly jti: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

/** Whether `identity` may open `room`: its own room, or any room for an operator. */
export function tokenCoversRoom(identity: Identity, room: string): boolean {
  return identity.room === ANY_ROOM || identity.room === room;
}

/** Parses durations like `14d`, `12h`, `30m`, `45s` into seconds. */
export function parseTtl(value: string): number {
  const match = /^(\d+)\s*([smhd])$/.exec(value.trim());
  if (!match) throw new RangeError(`invalid ttl "${value}": use a number with s, m, h or d (e.g. 14d)`);
  const n = Number(match[1]);
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[match[2] as 's' | 'm' | 'h' | 'd'];
  if (n <= 0) throw new RangeError(`invalid ttl "${value}": must be positive`);
  return n * unit;
}

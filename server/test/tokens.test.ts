import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidTokenError, TokenAuthority } from '../src/tokens.js';

const SECRET = 'a'.repeat(64);

describe('token verification', () => {
  afterEach(() => vi.useRealTimers());

  it('still refuses a remembered token once it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const tokens = new TokenAuthority(SECRET);
    const token = await tokens.issue({ room: 'r1', delegation: 'Chile', role: 'delegate', ttlSeconds: 60 });
    const first = await tokens.verify(token);
    expect(await tokens.verify(token)).toEqual(first);
    vi.setSystemTime(new Date('2026-01-01T00:01:00Z'));
    await expect(tokens.verify(token)).rejects.toThrow(new InvalidTokenError('token expired'));
  });

  it('does not remember a token it refused, nor accept one signed with another secret', async () => {
    const other = new TokenAuthority('b'.repeat(64));
    const token = await other.issue({ room: 'r1', delegation: 'Chile', role: 'delegate', ttlSeconds: 60 });
    const tokens = new TokenAuthority(SECRET);
    await expect(tokens.verify(token)).rejects.toThrow(new InvalidTokenError('token invalid'));
    await expect(tokens.verify(token)).rejects.toThrow(new InvalidTokenError('token invalid'));
  });

  it('refuses a tampered copy of a remembered token', async () => {
    const tokens = new TokenAuthority(SECRET);
    const token = await tokens.issue({ room: 'r1', delegation: 'Chile', role: 'delegate', ttlSeconds: 60 });
    await tokens.verify(token);
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ room: '*', delegation: 'Chile', role: 'chair', exp: 4e9 })).toString(
      'base64url',
    );
    await expect(tokens.verify(`${header}.${forged}.${signature}`)).rejects.toThrow(InvalidTokenError);
  });
});

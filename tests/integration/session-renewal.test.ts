import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { callApi, createRoom, errorCode } from '../support/api.js';
import { useChairedRoom } from '../support/chaired-room.js';

const ROOM = 'renewing-room';
const renewPath = `rooms/${ROOM}/session/renew`;

interface Renewed {
  token: string;
  expiresAt: string;
}

describe('renewing a session token over HTTP', () => {
  const ctx = useChairedRoom(ROOM);

  async function invite(role: 'delegate' | 'observer', ttl: number, name?: string): Promise<string> {
    const answer = await callApi(ctx.server, 'POST', `rooms/${ROOM}/invites`, ctx.chair, {
      delegation: 'Kenya',
      role,
      ttl,
      ...(name ? { name } : {}),
    });
    expect(answer.status).toBe(201);
    return (answer.body as { token: string }).token;
  }

  it('answers a fresh token with the same claims and the original lifetime from now', async () => {
    const token = await invite('delegate', 7 * 86400, 'Ms. Achieng');
    const answer = await callApi(ctx.server, 'POST', renewPath, token);
    expect(answer.status).toBe(201);
    const renewed = answer.body as Renewed;
    const before = decodeJwt(token);
    const after = decodeJwt(renewed.token);
    expect(after).toMatchObject({
      room: ROOM,
      delegation: 'Kenya',
      role: 'delegate',
      name: 'Ms. Achieng',
      sub: before.sub,
    });
    expect(after.jti).not.toBe(before.jti);
    expect((after.exp ?? 0) - (after.iat ?? 0)).toBe(7 * 86400);
    expect(Date.parse(renewed.expiresAt)).toBe((after.exp ?? 0) * 1000);
    expect(await ctx.upgradeStatus(renewed.token)).toBe(101);
    const session = await callApi(ctx.server, 'GET', `rooms/${ROOM}/session`, renewed.token);
    expect(session.body).toMatchObject({ role: 'delegate', delegation: 'Kenya', name: 'Ms. Achieng' });
  });

  it('caps the lifetime of a renewed token at 90 days', async () => {
    const long = await ctx.server.token(ROOM, 'Kenya', 'delegate', { ttlSeconds: 400 * 86400, person: 'k1' });
    const renewed = decodeJwt(((await callApi(ctx.server, 'POST', renewPath, long)).body as Renewed).token);
    expect((renewed.exp ?? 0) - (renewed.iat ?? 0)).toBe(90 * 86400);
  });

  it('keeps an observer an observer', async () => {
    const token = await invite('observer', 86400);
    const renewed = ((await callApi(ctx.server, 'POST', renewPath, token)).body as Renewed).token;
    expect(decodeJwt(renewed).role).toBe('observer');
    const session = await callApi(ctx.server, 'GET', `rooms/${ROOM}/session`, renewed);
    expect(session.body).toMatchObject({ role: 'observer' });
  });

  it('refuses an expired token with 401', async () => {
    const expired = await ctx.server.token(ROOM, 'Kenya', 'delegate', { ttlSeconds: -60, person: 'k1' });
    const answer = await callApi(ctx.server, 'POST', renewPath, expired);
    expect([answer.status, errorCode(answer)]).toEqual([401, 'invalid_token']);
    expect((answer.body as { error: { message: string } }).error.message).toBe('token expired');
  });

  it('refuses a revoked delegation or person with 403', async () => {
    const token = await invite('delegate', 86400);
    const person = decodeJwt(token).sub as string;
    const other = await ctx.server.token(ROOM, 'Chile', 'delegate', { person: 'c1' });
    await callApi(ctx.server, 'POST', `rooms/${ROOM}/revocations`, ctx.chair, { person });
    await callApi(ctx.server, 'POST', `rooms/${ROOM}/revocations`, ctx.chair, { delegation: 'Chile' });
    for (const revoked of [token, other]) {
      const answer = await callApi(ctx.server, 'POST', renewPath, revoked);
      expect([answer.status, errorCode(answer)]).toEqual([403, 'revoked']);
    }
  });

  it('refuses a token of another room with 403 and a GET with 405', async () => {
    const otherChair = await createRoom(ctx.server, 'another-room');
    const answer = await callApi(ctx.server, 'POST', renewPath, otherChair);
    expect([answer.status, errorCode(answer)]).toEqual([403, 'wrong_room']);
    const get = await callApi(ctx.server, 'GET', renewPath, ctx.chair);
    expect(get.status).toBe(405);
  });
});

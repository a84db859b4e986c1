import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { callApi, errorCode } from '../support/api.js';
import { useChairedRoom } from '../support/chaired-room.js';
import { waitFor } from '../support/clients.js';

const ROOM = 'access-room';

interface Holder {
  delegation: string;
  person: string;
  name: string;
  role: string;
  expiresAt: string;
  issuedBy: string;
  revoked: boolean;
  connected: boolean;
}

describe('who holds access to a room', () => {
  const ctx = useChairedRoom(ROOM);

  async function invite(body: Record<string, unknown>): Promise<string> {
    const answer = await callApi(ctx.server, 'POST', `rooms/${ROOM}/invites`, ctx.chair, body);
    expect(answer.status).toBe(201);
    return (answer.body as { token: string }).token;
  }

  async function holders(): Promise<Holder[]> {
    const answer = await callApi(ctx.server, 'GET', `rooms/${ROOM}/access`, ctx.chair);
    expect(answer.status).toBe(200);
    return (answer.body as { holders: Holder[] }).holders;
  }

  it('lists every unexpired invite with its person, marking who is connected and who is revoked', async () => {
    const kenya = await invite({ delegation: 'Kenya', role: 'delegate', name: 'Ms. Achieng', ttl: 86400 });
    const press = await invite({ delegation: 'Press', role: 'observer' });
    await invite({ delegation: 'Chile', role: 'delegate', ttl: 60 });
    const kenyaPerson = decodeJwt(kenya).sub as string;
    expect(kenyaPerson).toMatch(/^p-/);

    const before = await holders();
    // The room's creator holds a chair invite too.
    expect(before.map((h) => [h.delegation, h.role])).toEqual([
      ['Chair', 'chair'],
      ['Kenya', 'delegate'],
      ['Press', 'observer'],
      ['Chile', 'delegate'],
    ]);
    expect(before[1]).toMatchObject({
      person: kenyaPerson,
      name: 'Ms. Achieng',
      issuedBy: 'Chair',
      revoked: false,
      connected: false,
      expiresAt: new Date((decodeJwt(kenya).exp ?? 0) * 1000).toISOString(),
    });

    const client = await ctx.join(press);
    await waitFor(() => client.provider.wsconnected, 'observer connected');
    expect((await holders()).find((h) => h.delegation === 'Press')?.connected).toBe(true);

    await callApi(ctx.server, 'POST', `rooms/${ROOM}/revocations`, ctx.chair, { person: kenyaPerson });
    const after = await holders();
    expect(after.find((h) => h.delegation === 'Kenya')?.revoked).toBe(true);
    expect(after.find((h) => h.delegation === 'Press')?.revoked).toBe(false);
  });

  it('shows a renewed session once, with its new expiry', async () => {
    const token = await invite({ delegation: 'Kenya', role: 'delegate', ttl: 3600 });
    const renewed = await callApi(ctx.server, 'POST', `rooms/${ROOM}/session/renew`, token);
    const expiresAt = (renewed.body as { expiresAt: string }).expiresAt;
    const kenya = (await holders()).filter((h) => h.delegation === 'Kenya');
    expect(kenya).toHaveLength(1);
    expect(kenya[0]?.expiresAt).toBe(expiresAt);
  });

  it('leaves out expired invites', async () => {
    const stored = ctx.server.server.storage;
    await stored.addInvite({
      room: ROOM,
      jti: 'old',
      delegation: 'Peru',
      role: 'delegate',
      name: 'Peru',
      person: 'p-old',
      issuedAt: Date.now() - 2000,
      expiresAt: Date.now() - 1000,
      issuedBy: 'Chair',
    });
    expect((await holders()).map((h) => h.delegation)).not.toContain('Peru');
  });

  it('keeps the list for the chair: a delegate and an observer get 403', async () => {
    for (const role of ['delegate', 'observer'] as const) {
      const token = await ctx.server.token(ROOM, 'Kenya', role);
      const answer = await callApi(ctx.server, 'GET', `rooms/${ROOM}/access`, token);
      expect([role, answer.status, errorCode(answer)]).toEqual([role, 403, 'chair_only']);
    }
  });

  it('refuses an invite body with a bad field, naming it, and records nothing', async () => {
    const count = (await holders()).length;
    for (const body of [
      { delegation: 'Kenya', role: 'king' },
      { delegation: 'Kenya', role: 'delegate', ttl: 91 * 86400 },
    ]) {
      const answer = await callApi(ctx.server, 'POST', `rooms/${ROOM}/invites`, ctx.chair, body);
      expect([answer.status, errorCode(answer)]).toEqual([400, 'invalid_request']);
    }
    expect(await holders()).toHaveLength(count);
  });
});

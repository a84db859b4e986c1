import { CloseCode } from '@plenary/protocol';
import { describe, expect, it } from 'vitest';
import { callApi, errorCode } from '../support/api.js';
import { useChairedRoom } from '../support/chaired-room.js';
import { waitFor } from '../support/clients.js';

const ROOM = 'revoked-room';

/** Resolves once the clock is past the second of `isoTime`, so a token issued now is newer. */
async function afterSecondOf(isoTime: string): Promise<void> {
  const second = Math.floor(Date.parse(isoTime) / 1000);
  await waitFor(() => Math.floor(Date.now() / 1000) > second, 'the revocation second to pass', 3000);
}

describe('revoking a delegation or a person', () => {
  const ctx = useChairedRoom(ROOM, { bystanders: true });

  it('closes a revoked delegation with 4403 at once, refuses it afterwards, and accepts a later invite', async () => {
    const kenya = await ctx.server.token(ROOM, 'Kenya');
    const france = await ctx.server.token(ROOM, 'France');
    const revokedClient = await ctx.join(kenya);
    const otherClient = await ctx.join(france);
    const closed = ctx.nextClose(revokedClient);
    const started = Date.now();
    const answer = await callApi(ctx.server, 'POST', `rooms/${ROOM}/revocations`, ctx.chair, { delegation: 'Kenya' });
    expect(answer.status).toBe(201);
    expect(await closed).toBe(CloseCode.forbidden);
    expect(Date.now() - started).toBeLessThan(5000);
    revokedClient.provider.disconnect();
    expect(otherClient.provider.wsconnected).toBe(true);

    expect(await ctx.upgradeStatus(kenya)).toBe(403);
    expect(await ctx.upgradeStatus(france)).toBe(101);
    // Kenya's delegates in another room are not revoked: their room is untouched and live.
    await ctx.bystanders.expectUntouched();
    const session = await callApi(ctx.server, 'GET', `rooms/${ROOM}/session`, kenya);
    expect([session.status, errorCode(session)]).toEqual([403, 'revoked']);

    await afterSecondOf((answer.body as { revokedAt: string }).revokedAt);
    const invite = await callApi(ctx.server, 'POST', `rooms/${ROOM}/invites`, ctx.chair, {
      delegation: 'Kenya',
      role: 'delegate',
    });
    expect(invite.status).toBe(201);
    const fresh = (invite.body as { token: string }).token;
    expect(await ctx.upgradeStatus(fresh)).toBe(101);
    expect((await callApi(ctx.server, 'GET', `rooms/${ROOM}/session`, fresh)).status).toBe(200);
    const rejoined = await ctx.join(fresh);
    expect(rejoined.provider.wsconnected).toBe(true);
  });

  it('closes a revoked person only, and lists revocations and who is connected', async () => {
    const alice = await ctx.server.token(ROOM, 'Brazil', 'delegate', { person: 'alice' });
    const bruno = await ctx.server.token(ROOM, 'Brazil', 'delegate', { person: 'bruno' });
    const aliceClient = await ctx.join(alice);
    const brunoClient = await ctx.join(bruno);
    const observer = await ctx.join(await ctx.server.token(ROOM, 'Press', 'observer'));

    const before = await callApi(ctx.server, 'GET', `rooms/${ROOM}/access`, ctx.chair);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      revocations: [],
      connected: [
        {
          delegation: 'Brazil',
          people: expect.arrayContaining([
            { name: 'Brazil', person: 'alice', role: 'delegate' },
            { name: 'Brazil', person: 'bruno', role: 'delegate' },
          ]),
        },
        { delegation: 'Press', people: [{ name: 'Press', person: null, role: 'observer' }] },
      ],
    });

    const closed = ctx.nextClose(aliceClient);
    const answer = await callApi(ctx.server, 'POST', `rooms/${ROOM}/revocations`, ctx.chair, { person: 'alice' });
    expect(answer.status).toBe(201);
    expect(await closed).toBe(CloseCode.forbidden);
    aliceClient.provider.disconnect();
    expect(brunoClient.provider.wsconnected).toBe(true);
    expect(observer.provider.wsconnected).toBe(true);
    expect(await ctx.upgradeStatus(alice)).toBe(403);
    expect(await ctx.upgradeStatus(bruno)).toBe(101);

    await waitFor(() => !aliceClient.provider.wsconnected, 'alice gone');
    const after = await callApi(ctx.server, 'GET', `rooms/${ROOM}/access`, ctx.chair);
    const body = after.body as {
      revocations: { kind: string; value: string }[];
      connected: { delegation: string; people: { person: string | null }[] }[];
    };
    expect(body.revocations.map((r) => [r.kind, r.value])).toEqual([['person', 'alice']]);
    const brazil = body.connected.find((group) => group.delegation === 'Brazil');
    expect(brazil?.people.map((p) => p.person)).toEqual(['bruno']);

    await afterSecondOf((answer.body as { revokedAt: string }).revokedAt);
    const again = await ctx.server.token(ROOM, 'Brazil', 'delegate', { person: 'alice' });
    expect(await ctx.upgradeStatus(again)).toBe(101);
    await ctx.bystanders.expectUntouched();
  });

  it('validates the revocation body', async () => {
    for (const body of [{}, { delegation: '' }, { delegation: 'A', person: 'b' }, { person: 5 }]) {
      const answer = await callApi(ctx.server, 'POST', `rooms/${ROOM}/revocations`, ctx.chair, body);
      expect([answer.status, errorCode(answer)]).toEqual([400, 'invalid_request']);
    }
  });
});

import { CloseCode } from '@plenary/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callApi, createRoom, errorCode } from '../support/api.js';
import { connectClient, type TestClient, waitFor, whenSynced } from '../support/clients.js';
import { openRaw } from '../support/raw-socket.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ROOM = 'revoked-room';

/** Resolves once the clock is past the second of `isoTime`, so a token issued now is newer. */
async function afterSecondOf(isoTime: string): Promise<void> {
  const second = Math.floor(Date.parse(isoTime) / 1000);
  await waitFor(() => Math.floor(Date.now() / 1000) > second, 'the revocation second to pass', 3000);
}

describe('revoking a delegation or a person', () => {
  let server: TestServer;
  let chair: string;
  const clients: TestClient[] = [];

  beforeEach(async () => {
    server = await startTestServer();
    chair = await createRoom(server, ROOM);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.stop();
  });

  async function join(token: string): Promise<TestClient> {
    const client = connectClient(server.wsUrl, ROOM, token);
    clients.push(client);
    await whenSynced(client.provider);
    return client;
  }

  /** Resolves with the code of the client's next close. */
  function nextClose(client: TestClient): Promise<number> {
    return new Promise((resolve) => {
      const onClose = (event: CloseEvent | null) => {
        client.provider.off('connection-close', onClose);
        resolve(event?.code ?? 0);
      };
      client.provider.on('connection-close', onClose);
    });
  }

  async function upgradeStatus(token: string): Promise<number> {
    const result = await openRaw(`${server.wsUrl}/${ROOM}?token=${token}`);
    if (!result.ok) return result.status;
    result.socket.close();
    return 101;
  }

  it('closes a revoked delegation with 4403 at once, refuses it afterwards, and accepts a later invite', async () => {
    const kenya = await server.token(ROOM, 'Kenya');
    const france = await server.token(ROOM, 'France');
    const revokedClient = await join(kenya);
    const otherClient = await join(france);
    const closed = nextClose(revokedClient);
    const started = Date.now();
    const answer = await callApi(server, 'POST', `rooms/${ROOM}/revocations`, chair, { delegation: 'Kenya' });
    expect(answer.status).toBe(201);
    expect(await closed).toBe(CloseCode.forbidden);
    expect(Date.now() - started).toBeLessThan(5000);
    revokedClient.provider.disconnect();
    expect(otherClient.provider.wsconnected).toBe(true);

    expect(await upgradeStatus(kenya)).toBe(403);
    expect(await upgradeStatus(france)).toBe(101);
    const session = await callApi(server, 'GET', `rooms/${ROOM}/session`, kenya);
    expect([session.status, errorCode(session)]).toEqual([403, 'revoked']);

    await afterSecondOf((answer.body as { revokedAt: string }).revokedAt);
    const invite = await callApi(server, 'POST', `rooms/${ROOM}/invites`, chair, {
      delegation: 'Kenya',
      role: 'delegate',
    });
    expect(invite.status).toBe(201);
    const fresh = (invite.body as { token: string }).token;
    expect(await upgradeStatus(fresh)).toBe(101);
    expect((await callApi(server, 'GET', `rooms/${ROOM}/session`, fresh)).status).toBe(200);
    const rejoined = await join(fresh);
    expect(rejoined.provider.wsconnected).toBe(true);
  });

  it('closes a revoked person only, and lists revocations and who is connected', async () => {
    const alice = await server.token(ROOM, 'Brazil', 'delegate', { person: 'alice' });
    const bruno = await server.token(ROOM, 'Brazil', 'delegate', { person: 'bruno' });
    const aliceClient = await join(alice);
    const brunoClient = await join(bruno);
    const observer = await join(await server.token(ROOM, 'Press', 'observer'));

    const before = await callApi(server, 'GET', `rooms/${ROOM}/access`, chair);
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

    const closed = nextClose(aliceClient);
    const answer = await callApi(server, 'POST', `rooms/${ROOM}/revocations`, chair, { person: 'alice' });
    expect(answer.status).toBe(201);
    expect(await closed).toBe(CloseCode.forbidden);
    aliceClient.provider.disconnect();
    expect(brunoClient.provider.wsconnected).toBe(true);
    expect(observer.provider.wsconnected).toBe(true);
    expect(await upgradeStatus(alice)).toBe(403);
    expect(await upgradeStatus(bruno)).toBe(101);

    await waitFor(() => !aliceClient.provider.wsconnected, 'alice gone');
    const after = await callApi(server, 'GET', `rooms/${ROOM}/access`, chair);
    const body = after.body as {
      revocations: { kind: string; value: string }[];
      connected: { delegation: string; people: { person: string | null }[] }[];
    };
    expect(body.revocations.map((r) => [r.kind, r.value])).toEqual([['person', 'alice']]);
    const brazil = body.connected.find((group) => group.delegation === 'Brazil');
    expect(brazil?.people.map((p) => p.person)).toEqual(['bruno']);

    await afterSecondOf((answer.body as { revokedAt: string }).revokedAt);
    const again = await server.token(ROOM, 'Brazil', 'delegate', { person: 'alice' });
    expect(await upgradeStatus(again)).toBe(101);
  });

  it('validates the revocation body', async () => {
    for (const body of [{}, { delegation: '' }, { delegation: 'A', person: 'b' }, { person: 5 }]) {
      const answer = await callApi(server, 'POST', `rooms/${ROOM}/revocations`, chair, body);
      expect([answer.status, errorCode(answer)]).toEqual([400, 'invalid_request']);
    }
  });
});

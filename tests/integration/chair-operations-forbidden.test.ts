import { DEFAULT_ROOM_SETTINGS } from '@plenary/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, createRoom, errorCode } from '../support/api.js';
import { type BystanderRoom, startBystanderRoom } from '../support/bystander-room.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ROOM = 'chaired-room';

/** Every chair operation over HTTP: method, path and body. */
const OPERATIONS: readonly (readonly [string, string, unknown])[] = [
  ['PATCH', `rooms/${ROOM}`, { title: 'Hijacked', symbol: 'X/1' }],
  ['PATCH', `rooms/${ROOM}/settings`, { mode: 'formal', numberingFrozen: true }],
  ['POST', `rooms/${ROOM}/revocations`, { delegation: 'France' }],
  ['POST', `rooms/${ROOM}/revocations`, { person: 'p-chair' }],
  ['GET', `rooms/${ROOM}/access`, undefined],
  ['POST', `rooms/${ROOM}/invites`, { delegation: 'Mallory', role: 'chair' }],
  ['POST', `rooms/${ROOM}/archive`, undefined],
  ['DELETE', `rooms/${ROOM}`, undefined],
];

describe('chair operations refused to delegates and observers', () => {
  let server: TestServer;
  let chair: string;
  let bystanders: BystanderRoom;

  beforeAll(async () => {
    server = await startTestServer();
    chair = await createRoom(server, ROOM);
    bystanders = await startBystanderRoom(server);
  });
  afterAll(async () => {
    bystanders.close();
    await server.stop();
  });

  for (const role of ['delegate', 'observer'] as const) {
    it(`answers 403 chair_only to a ${role} and changes nothing`, async () => {
      const token = await server.token(ROOM, 'France', role, { person: 'p-1' });
      for (const [method, path, body] of OPERATIONS) {
        const answer = await callApi(server, method, path, token, body);
        expect({ method, path, status: answer.status, code: errorCode(answer) }).toEqual({
          method,
          path,
          status: 403,
          code: 'chair_only',
        });
      }
      const storage = server.server.storage;
      expect(await storage.getRoom(ROOM)).toMatchObject({ title: 'Space norms' });
      expect(await storage.getRoomSettings(ROOM)).toEqual(DEFAULT_ROOM_SETTINGS);
      expect(await storage.listRevocations(ROOM)).toEqual([]);
      expect(await storage.getRoomStatus(ROOM)).toBe('active');
      expect((await storage.readUpdates(ROOM, 0, 10)).length).toBe(1);
      // The caller still holds access: nothing was revoked.
      expect((await callApi(server, 'GET', `rooms/${ROOM}/session`, token)).status).toBe(200);
      await bystanders.expectUntouched();
    });
  }

  it('answers 400 naming an unknown field in the title and invite bodies, changing nothing', async () => {
    const title = await callApi(server, 'PATCH', `rooms/${ROOM}`, chair, { title: 'Renamed', colour: 'red' });
    expect({ status: title.status, code: errorCode(title) }).toEqual({ status: 400, code: 'invalid_request' });
    const invite = await callApi(server, 'POST', `rooms/${ROOM}/invites`, chair, {
      delegation: 'Kenya',
      role: 'delegate',
      admin: true,
    });
    expect({ status: invite.status, code: errorCode(invite) }).toEqual({ status: 400, code: 'invalid_request' });
    expect(await server.server.storage.getRoom(ROOM)).toMatchObject({ title: 'Space norms' });
  });

  it('lets the chair do the same', async () => {
    const answer = await callApi(server, 'GET', `rooms/${ROOM}/access`, chair);
    expect(answer.status).toBe(200);
    const patch = await callApi(server, 'PATCH', `rooms/${ROOM}/settings`, chair, { mode: 'formal' });
    expect(patch.status).toBe(200);
  });
});

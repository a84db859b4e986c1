import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

describe('observer exports follow the room setting', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ config: { openRoomCreation: true } });
  });
  afterEach(async () => {
    await server.stop();
  });

  async function exportAs(token: string, room: string, mode: string): Promise<number> {
    const response = await fetch(`${server.httpUrl}/api/rooms/${room}/export?format=md&mode=${mode}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await response.arrayBuffer();
    return response.status;
  }

  async function setObserverExports(room: string, chair: string, value: string): Promise<void> {
    const response = await fetch(`${server.httpUrl}/api/rooms/${room}/settings`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${chair}`, 'content-type': 'application/json' },
      body: JSON.stringify({ observerExports: value }),
    });
    expect(response.status).toBe(200);
  }

  it('allows clean by default, nothing with none, every mode with all', async () => {
    const created = await fetch(`${server.httpUrl}/api/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'obs-exp', title: 'Draft', template: 'draft-resolution' }),
    });
    expect(created.status).toBe(201);
    const { token: chair } = (await created.json()) as { token: string };
    const observer = await server.token('obs-exp', 'Observer State', 'observer');

    expect(await exportAs(observer, 'obs-exp', 'clean')).toBe(200);
    expect(await exportAs(observer, 'obs-exp', 'compilation')).toBe(403);

    await setObserverExports('obs-exp', chair, 'none');
    expect(await exportAs(observer, 'obs-exp', 'clean')).toBe(403);

    await setObserverExports('obs-exp', chair, 'all');
    expect(await exportAs(observer, 'obs-exp', 'compilation')).toBe(200);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectClient, type TestClient, waitFor, whenSynced } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('stock y-websocket clients', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server.stop();
  });

  async function join(room: string, delegation: string) {
    const client = connectClient(server.wsUrl, room, await server.token(room, delegation));
    clients.push(client);
    await whenSynced(client.provider);
    return client;
  }

  it('converges two clients on text and XML', async () => {
    const a = await join('room-a', 'France');
    const b = await join('room-a', 'Brazil');
    a.doc.getText('t').insert(0, 'Recognizing');
    const el = new (await import('yjs')).XmlElement('pp');
    b.doc.getXmlFragment('x').insert(0, [el]);
    await waitFor(() => b.doc.getText('t').toString() === 'Recognizing', 'text reaches b');
    await waitFor(() => a.doc.getXmlFragment('x').length === 1, 'xml reaches a');
    expect(a.doc.getXmlFragment('x').toString()).toBe(b.doc.getXmlFragment('x').toString());
  });

  it('converges twenty clients typing at once', async () => {
    const all = await Promise.all(Array.from({ length: 20 }, (_, i) => join('room-20', `D${i}`)));
    all.forEach((client, i) => {
      client.doc.getText('t').insert(0, `[${i}]`);
    });
    const expected = () => all[0]?.doc.getText('t').toString() ?? '';
    await waitFor(
      () =>
        all.every(
          (c) =>
            c.doc.getText('t').toString() === expected() &&
            expected().length > 0 &&
            (expected().match(/\[/g)?.length ?? 0) === 20,
        ),
      'all twenty converge',
    );
  });

  it('gives a late joiner everything and keeps it across a restart', async () => {
    const a = await join('late', 'Kenya');
    a.doc.getText('t').insert(0, 'Calls upon all States');
    const late = await join('late', 'Japan');
    expect(late.doc.getText('t').toString()).toBe('Calls upon all States');
    const dataDir = server.dataDir;
    for (const client of clients.splice(0)) client.destroy();
    await server.stop({ keepData: true });
    server = await startTestServer({ dataDir });
    const again = await join('late', 'Chile');
    expect(again.doc.getText('t').toString()).toBe('Calls upon all States');
  });

  it('passes awareness between clients, with the user the token names', async () => {
    const a = await join('aw', 'India');
    const b = await join('aw', 'Egypt');
    a.provider.awareness.setLocalStateField('cursor', { at: 3 });
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.cursor?.at === 3, 'awareness reaches b');
    expect(b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name).toBe('India');
  });
});

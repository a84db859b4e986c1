import { join } from 'node:path';
import { SqliteStorage, type UpdateToStore } from '@plenary/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callApi, createRoom } from '../support/api.js';
import { connectClient, type TestClient, waitFor, waitForAsync, whenSynced } from '../support/clients.js';
import { Gate } from '../support/gate.js';
import { makeDataDir, startTestServer, type TestServer } from '../support/server.js';
import { listSuggestions, suggestInsertion } from '../support/suggestions.js';
import { clauseYText } from '../support/y-draft.js';

const ROOM = 'suggestion-store-first';

/** SQLite storage whose update appends can be held open, as a slow disk would; records each commit's authors. */
class HeldAppendStorage extends SqliteStorage {
  readonly commits: string[][] = [];
  readonly gate = new Gate();

  constructor(dataDir: string) {
    super({ file: join(dataDir, 'plenary.db') });
  }

  override async appendUpdates(room: string, updates: readonly UpdateToStore[]): Promise<number> {
    this.commits.push(updates.map((u) => u.delegation));
    await this.gate.passed();
    return super.appendUpdates(room, updates);
  }
}

/** Whether the first OP of `client`'s draft still carries the insertion mark `id`. */
function stillProposed(client: TestClient, id: string): boolean {
  const delta = clauseYText(client.doc, 'op', 0).toDelta() as { attributes?: { insertion?: { id: string } } }[];
  return delta.some((op) => op.attributes?.insertion?.id === id);
}

describe('an accepted suggestion', () => {
  let server: TestServer;
  let storage: HeldAppendStorage;
  const clients: TestClient[] = [];

  beforeEach(async () => {
    const dataDir = makeDataDir();
    storage = new HeldAppendStorage(dataDir);
    server = await startTestServer({ dataDir, storage });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    storage.gate.release();
    await server.stop();
  });

  async function join(token: string): Promise<TestClient> {
    const client = connectClient(server.wsUrl, ROOM, token);
    clients.push(client);
    await whenSynced(client.provider);
    return client;
  }

  it('reaches no client, and the chair gets no answer, before the change is stored', async () => {
    const chair = await createRoom(server, ROOM);
    const france = await join(await server.token(ROOM, 'France'));
    const brazil = await join(await server.token(ROOM, 'Brazil'));
    suggestInsertion(france.doc, 'op', 0, ' and peaceful', 's-held');
    await waitForAsync(async () => (await listSuggestions(server, ROOM, chair)).length === 1, 'the record');
    await waitFor(() => stillProposed(brazil, 's-held'), 'the suggestion at Brazil');

    storage.gate.hold();
    const before = storage.commits.length;
    let answered = false;
    const accepting = callApi(server, 'POST', `rooms/${ROOM}/suggestions/s-held/accept`, chair).then((answer) => {
      answered = true;
      return answer;
    });
    await waitFor(() => storage.commits.length > before, "the server's write to start storing");
    expect(storage.commits.at(-1)).toEqual(['Chair']);
    // Sent by the server after the accepted change would have been, on the same sockets.
    france.provider.awareness.setLocalStateField('marker', 'after-accept');
    await waitFor(
      () => [...brazil.provider.awareness.getStates().values()].some((state) => state.marker === 'after-accept'),
      "France's presence at Brazil",
    );
    expect(stillProposed(brazil, 's-held')).toBe(true);
    expect(stillProposed(france, 's-held')).toBe(true);
    expect(answered).toBe(false);

    storage.gate.release();
    const answer = await accepting;
    expect(answer.status).toBe(200);
    await waitFor(() => !stillProposed(brazil, 's-held') && !stillProposed(france, 's-held'), 'the accepted text');
    expect(clauseYText(brazil.doc, 'op', 0).toString()).toContain(' and peaceful');
  });
});

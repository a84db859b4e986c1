import { CloseCode } from '@plenary/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { callApi, createRoom } from '../support/api.js';
import { connectClient, type TestClient, waitFor, waitForAsync, whenSynced } from '../support/clients.js';
import { HeldLoadStorage } from '../support/held-loads.js';
import { bracketText, clauseElement } from '../support/positions.js';
import { makeDataDir, startTestServer, type TestServer } from '../support/server.js';
import { storedDocument } from '../support/stored.js';
import { listSuggestions, suggestInsertion } from '../support/suggestions.js';
import { clauseYText } from '../support/y-draft.js';

const ROOM = 'reloading-room';

/** Whether the clause's text carries a mark whose attribute key starts with `prefix` and whose id is `id`. */
function carries(doc: Y.Doc, kind: 'pp' | 'op', index: number, prefix: string, id: string): boolean {
  const delta = clauseYText(doc, kind, index).toDelta() as { attributes?: Record<string, { id?: string } | null> }[];
  return delta.some((op) =>
    Object.entries(op.attributes ?? {}).some(([key, value]) => key.startsWith(prefix) && value?.id === id),
  );
}

type LoadedRoom = NonNullable<Awaited<ReturnType<TestServer['server']['rooms']['peek']>>>;

/**
 * Resolves when an operation on `room` next asks for a server change of its document: it has got
 * as far as changing the document, which waits for the reload.
 */
function nextServerChange(room: LoadedRoom): Promise<void> {
  return new Promise((resolve) => {
    const original = room.applyServerChange;
    room.applyServerChange = function (this: LoadedRoom, ...args: Parameters<typeof original>) {
      room.applyServerChange = original;
      resolve();
      return original.apply(this, args);
    } as typeof original;
  });
}

/**
 * A chair's decision that arrives while the room reloads its document from storage (as it does
 * after a refused write) must change the reloaded document, not the copy it replaced: else the
 * record says "accepted" while the draft keeps the mark (docs/ARCHITECTURE.md "Chair operations").
 */
describe('chair decisions made while the room reloads its document', () => {
  let server: TestServer | null = null;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server?.stop();
    server = null;
  });

  async function join(current: TestServer, token: string): Promise<TestClient> {
    const client = connectClient(current.wsUrl, ROOM, token);
    clients.push(client);
    await whenSynced(client.provider);
    return client;
  }

  it('applies an accepted suggestion, a clause status and a bracket removal to the reloaded document', async () => {
    const dataDir = makeDataDir();
    const storage = new HeldLoadStorage(dataDir);
    const current = await startTestServer({ dataDir, storage });
    server = current;
    const chair = await createRoom(current, ROOM);
    expect((await callApi(current, 'PATCH', `rooms/${ROOM}/settings`, chair, { mode: 'formal' })).status).toBe(200);
    const france = await current.token(ROOM, 'France');
    const fr = await join(current, france);
    const witness = await join(current, chair);
    suggestInsertion(fr.doc, 'op', 0, ' without delay', 's-reload');
    bracketText(fr.doc, 'op', 1, 0, 5, 'b-reload');
    await waitForAsync(
      async () => (await listSuggestions(current, ROOM, chair)).some((r) => r.id === 's-reload'),
      'the suggestion recorded',
    );
    await waitFor(() => carries(witness.doc, 'op', 1, 'bracket', 'b-reload'), 'the bracket reaches the chair');
    const clauseId = clauseElement(witness.doc, 'op', 2).getAttribute('id') as string;
    await (await current.server.rooms.peek(ROOM))?.whenSettled();

    // France's direct edit is refused in formal mode; the room reloads, and the load is held.
    storage.hold();
    const loading = storage.nextLoad();
    const refused = new Promise<number>((resolve) => {
      fr.provider.ws?.addEventListener('close', (event) => resolve(event.code), { once: true });
    });
    const text = clauseYText(fr.doc, 'op', 3);
    text.insert(text.length, ' DIRECT');
    expect(await refused).toBe(CloseCode.refused);
    // Kept away, so that it does not send its refused edit again on reconnect.
    fr.provider.disconnect();
    expect(await loading).toBe(ROOM);

    // The chair's decisions arrive while the reload is held, and wait for it.
    const room = await current.server.rooms.peek(ROOM);
    if (!room) throw new Error('the room is not loaded');
    const waiting = nextServerChange(room);
    const accepted = callApi(current, 'POST', `rooms/${ROOM}/suggestions/s-reload/accept`, chair);
    const status = callApi(current, 'POST', `rooms/${ROOM}/clauses/${clauseId}/status`, chair, {
      status: 'under-discussion',
    });
    const unbracketed = callApi(current, 'DELETE', `rooms/${ROOM}/brackets/b-reload`, chair);
    // The first decision has found its suggestion and waits on the reload; it then completes
    // (the others run after it, one at a time per room).
    await waiting;
    storage.release();
    expect((await accepted).status).toBe(200);
    expect((await status).status).toBe(200);
    expect((await unbracketed).status).toBe(200);

    const stored = await storedDocument(current, ROOM);
    expect(clauseYText(stored, 'op', 0).toString()).toContain(' without delay');
    expect(carries(stored, 'op', 0, 'insertion', 's-reload')).toBe(false);
    expect(clauseElement(stored, 'op', 2).getAttribute('status')).toBe('under-discussion');
    expect(carries(stored, 'op', 1, 'bracket', 'b-reload')).toBe(false);
    expect(clauseYText(stored, 'op', 3).toString()).not.toContain('DIRECT');
    // And every client sees the same.
    await waitFor(
      () =>
        !carries(witness.doc, 'op', 0, 'insertion', 's-reload') &&
        clauseElement(witness.doc, 'op', 2).getAttribute('status') === 'under-discussion' &&
        !carries(witness.doc, 'op', 1, 'bracket', 'b-reload'),
      'the decisions reach the chair',
    );
    expect(clauseYText(witness.doc, 'op', 0).toString()).toContain(' without delay');
  });
});

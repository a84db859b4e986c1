import { CloseCode, MessageType, type PositionsPayload, readPositions, readRoomMetadata } from '@plenary/protocol';
import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { callApi } from '../support/api.js';
import { connectClient, type TestClient, waitFor, waitForAsync, whenSynced } from '../support/clients.js';
import { listenForComments } from '../support/comments.js';
import { openOperationSocket } from '../support/operation-socket.js';
import { bracketText } from '../support/positions.js';
import { whenClosed } from '../support/raw-socket.js';
import {
  type ClusterProcess,
  clusterSkipReason,
  onDatabase,
  type SpawnedCluster,
  startSpawnedCluster,
} from '../support/spawned-cluster.js';
import { listenForSuggestions, suggestInsertion } from '../support/suggestions.js';
import { appendToClause, clauseYText } from '../support/y-draft.js';

if (clusterSkipReason) console.warn(clusterSkipReason);

/** The ids of the clauses (`pp`, `op`) of a client's draft, in document order. */
function clauseIdsOf(doc: Y.Doc): string[] {
  const ids: string[] = [];
  for (const node of doc.getXmlFragment('draft').createTreeWalker((el) => el instanceof Y.XmlElement)) {
    const element = node as Y.XmlElement;
    if (element.nodeName === 'pp' || element.nodeName === 'op') ids.push(String(element.getAttribute('id')));
  }
  return ids;
}

/** Whether any text of the draft still carries mark `name` with `id`. */
function marked(doc: Y.Doc, name: string, id: string): boolean {
  for (const node of doc.getXmlFragment('draft').createTreeWalker(() => true)) {
    if (!(node instanceof Y.XmlText)) continue;
    const delta = node.toDelta() as { attributes?: Record<string, { id?: string }> }[];
    if (delta.some((op) => Object.entries(op.attributes ?? {}).some(([k, v]) => k.startsWith(name) && v?.id === id)))
      return true;
  }
  return false;
}

const draftText = (client: TestClient) => client.doc.getXmlFragment('draft').toString();

/** Every frame type (and the decoded position pushes) a raw socket received. */
interface RawListener {
  readonly socket: WebSocket;
  readonly types: number[];
  readonly positions: PositionsPayload[];
  readonly titles: string[];
}

async function listenRaw(node: ClusterProcess, room: string, token: string, ext: string): Promise<RawListener> {
  const socket = new WebSocket(`${node.wsUrl}/${room}?token=${token}&ext=${ext}`);
  const listener: RawListener = { socket, types: [], positions: [], titles: [] };
  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(decoder);
    listener.types.push(type);
    if (type === MessageType.positions) listener.positions.push(readPositions(decoder));
    if (type === MessageType.room) listener.titles.push(readRoomMetadata(decoder).title);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return listener;
}

describe.skipIf(clusterSkipReason !== null)('separate server processes on one PostgreSQL and one Redis', () => {
  let cluster: SpawnedCluster;
  const clients: TestClient[] = [];
  const sockets: WebSocket[] = [];

  beforeAll(async () => {
    cluster = await startSpawnedCluster('procs', 2);
  }, 120_000);

  afterAll(async () => {
    for (const client of clients.splice(0)) {
      try {
        client.destroy();
      } catch {
        // A client whose doc changed identity mid-test may fail to say goodbye; the process goes anyway.
      }
    }
    for (const socket of sockets.splice(0)) socket.terminate();
    await cluster?.stop();
  }, 60_000);

  const one = () => cluster.processes[0] as ClusterProcess;
  const two = () => cluster.processes[1] as ClusterProcess;

  async function createRoom(node: ClusterProcess, id: string): Promise<string> {
    const operator = await node.token('*', 'Secretariat', 'chair');
    const created = await callApi(node, 'POST', 'rooms', operator, { id, title: 'Space norms' });
    if (created.status !== 201) throw new Error(`creating ${id} answered ${created.status}`);
    return (created.body as { token: string }).token;
  }

  function connect(node: ClusterProcess, room: string, token: string, ext?: string, doc?: Y.Doc): TestClient {
    const client = connectClient(node.wsUrl, room, token, {
      ...(ext ? { params: { ext } } : {}),
      ...(doc ? { doc } : {}),
    });
    clients.push(client);
    return client;
  }

  async function join(
    node: ClusterProcess,
    room: string,
    delegation: string,
    ext?: string,
    doc?: Y.Doc,
  ): Promise<TestClient> {
    const client = connect(node, room, await node.token(room, delegation), ext, doc);
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

  it('converges the stock clients of one room split across two processes on text, presence, comments and suggestions', async () => {
    const chair = await createRoom(one(), 'split-room');
    const france = await join(one(), 'split-room', 'France', 'suggestions');
    const brazil = await join(two(), 'split-room', 'Brazil', 'suggestions');
    const brazilFeed = listenForSuggestions(brazil.provider);
    appendToClause(france.doc, 'op', 0, ' (France)');
    appendToClause(brazil.doc, 'op', 0, ' (Brazil)');
    await waitFor(
      () =>
        draftText(france) === draftText(brazil) &&
        draftText(france).includes('(France)') &&
        draftText(france).includes('(Brazil)'),
      'text converges across the processes',
    );

    france.provider.awareness.setLocalStateField('cursor', { clause: 'op-1', offset: 3 });
    await waitFor(() => {
      const state = brazil.provider.awareness.getStates().get(france.doc.clientID);
      return state?.cursor?.offset === 3 && state.user?.delegation === 'France';
    }, 'presence crosses the processes');

    const listener = await listenForComments(two(), 'split-room', chair);
    sockets.push(listener.socket);
    const [clauseId] = clauseIdsOf(france.doc);
    const posted = await callApi(one(), 'POST', 'rooms/split-room/comments', chair, {
      clauseId,
      body: 'See the preamble',
    });
    expect(posted.status).toBe(201);
    await waitFor(() => listener.threads.size === 1, 'the thread reaches the other process');

    suggestInsertion(france.doc, 'op', 0, ' and cooperation', 's-fr-1');
    await waitFor(
      () => brazilFeed.latest('s-fr-1')?.delegation === 'France',
      "France's suggestion record reaches Brazil on the other process",
    );
    const listed = await callApi(two(), 'GET', 'rooms/split-room/suggestions', chair);
    expect((listed.body as { suggestions: { id: string }[] }).suggestions.map((s) => s.id)).toContain('s-fr-1');
  });

  it('binds a Yjs client id claimed at once on two processes to one author, decided in the database', async () => {
    await createRoom(one(), 'claim-room');
    const contested = 0x5eed_0001;
    const contestedDoc = () => {
      const doc = new Y.Doc();
      doc.clientID = contested;
      return doc;
    };
    // Both documents write under the same client id, one on each process, in the same tick.
    const france = await join(one(), 'claim-room', 'France', undefined, contestedDoc());
    const brazil = await join(two(), 'claim-room', 'Brazil', undefined, contestedDoc());
    const closes = [nextClose(france), nextClose(brazil)];
    appendToClause(france.doc, 'op', 0, ' FRANCE-CLAIM');
    appendToClause(brazil.doc, 'op', 0, ' BRAZIL-CLAIM');
    const refused = await Promise.race(closes.map((close, index) => close.then((code) => ({ index, code }))));
    expect(refused.code).toBe(CloseCode.refused);
    const [winner, loser] = refused.index === 0 ? [brazil, france] : [france, brazil];
    const winnerMark = winner === france ? 'FRANCE-CLAIM' : 'BRAZIL-CLAIM';
    const loserMark = winner === france ? 'BRAZIL-CLAIM' : 'FRANCE-CLAIM';
    loser.provider.shouldConnect = false;
    loser.provider.ws?.close();

    const bindings = await onDatabase((db) =>
      db.query<{ delegation: string }>(
        `SELECT delegation FROM ${cluster.schema}.author_bindings WHERE room = $1 AND client_id = $2`,
        ['claim-room', contested],
      ),
    );
    expect(bindings.rows).toHaveLength(1);
    expect(bindings.rows[0]?.delegation).toBe(winner === france ? 'France' : 'Brazil');

    // Fresh readers on both processes see the winner's write once and never the loser's.
    const readers = [await join(one(), 'claim-room', 'Chile'), await join(two(), 'claim-room', 'Peru')];
    for (const reader of readers) {
      await waitFor(() => draftText(reader).includes(winnerMark), `the winner's write on every process`);
      expect(draftText(reader)).not.toContain(loserMark);
      expect(draftText(reader).split(winnerMark)).toHaveLength(2);
    }
  });

  it('moves the clients of a process killed with SIGKILL to the other process with every stored update there', async () => {
    const third = await cluster.spawn();
    await createRoom(third, 'kill-room');
    const kenya = await join(third, 'kill-room', 'Kenya', 'ack');
    const japan = await join(two(), 'kill-room', 'Japan');
    for (let i = 0; i < 20; i++) appendToClause(kenya.doc, 'op', 0, ` k${i}`);
    await waitFor(() => draftText(japan).includes(' k19'), "Kenya's edits reach Japan on the other process");
    // More edits, then the process dies at once: some of these may not be stored yet.
    for (let i = 20; i < 30; i++) appendToClause(kenya.doc, 'op', 0, ` k${i}`);
    await third.server.kill();
    // The proxy would send the reconnect elsewhere: the client is pointed at the other process.
    kenya.provider.serverUrl = two().wsUrl;
    appendToClause(kenya.doc, 'op', 0, ' after-kill');
    await waitFor(
      () => draftText(japan) === draftText(kenya) && draftText(japan).includes(' after-kill'),
      'Kenya reconnected to the other process and both converge',
      20_000,
    );
    for (let i = 0; i < 30; i++) expect(draftText(japan)).toContain(` k${i} `.trimEnd());
    // A process that loads the room from the database now has every update too.
    const fresh = await cluster.spawn();
    const late = await join(fresh, 'kill-room', 'Ghana');
    await waitFor(() => draftText(late) === draftText(kenya), 'the stored document holds every update', 20_000);
  });

  it('duplicates and loses nothing when two processes load a room for the first time at once', async () => {
    const operator = await one().token('*', 'Secretariat', 'chair');
    const created = await callApi(one(), 'POST', 'rooms', operator, { id: 'first-load', title: 'Space norms' });
    expect(created.status).toBe(201);
    // Neither process has the room loaded: both load it as their first clients join at once.
    const [a, b] = await Promise.all([join(one(), 'first-load', 'Chile'), join(two(), 'first-load', 'Peru')]);
    const template = clauseIdsOf(a.doc);
    expect(clauseIdsOf(b.doc)).toEqual(template);
    appendToClause(a.doc, 'op', 0, ' CHILE-FIRST');
    appendToClause(b.doc, 'op', 0, ' PERU-FIRST');
    await waitFor(
      () =>
        draftText(a) === draftText(b) && draftText(a).includes('CHILE-FIRST') && draftText(a).includes('PERU-FIRST'),
      'both first writes on both processes',
    );
    expect(clauseIdsOf(a.doc)).toEqual(template);
    expect(new Set(template).size).toBe(template.length);
    expect(draftText(a).split('CHILE-FIRST')).toHaveLength(2);
    expect(draftText(a).split('PERU-FIRST')).toHaveLength(2);
  });

  it('applies chair operations made on one process to the connections of the other within a second', async () => {
    const chair = await createRoom(one(), 'chaired');
    const ops = await openOperationSocket(one().wsUrl, 'chaired', chair);
    sockets.push(ops.socket);
    const delegate = await join(two(), 'chaired', 'Kenya', 'settings');
    const watcher = await listenRaw(two(), 'chaired', chair, 'positions,room,settings');
    sockets.push(watcher.socket);
    const timeout = 10_000;

    // Settings: formal mode refuses a delegate's direct edit on the other process.
    const settingsSeen = watcher.types.filter((t) => t === MessageType.settings).length;
    expect((await ops.call('settings', { mode: 'formal' })).ok).toBe(true);
    await waitFor(
      () => watcher.types.filter((t) => t === MessageType.settings).length > settingsSeen,
      'the settings push on the other process',
      timeout,
    );
    const refusedInFormal = nextClose(delegate);
    appendToClause(delegate.doc, 'op', 0, ' direct edit');
    expect(await refusedInFormal).toBe(CloseCode.refused);
    delegate.destroy();
    expect((await ops.call('settings', { mode: 'informal' })).ok).toBe(true);

    // Title: pushed to the other process's connections.
    expect((await ops.call('title', { title: 'Outer space norms, Rev.1' })).ok).toBe(true);
    await waitFor(() => watcher.titles.includes('Outer space norms, Rev.1'), 'the title push', timeout);

    // Clause status: recorded and pushed on the other process, and the clause locked there.
    const reader = await join(two(), 'chaired', 'Japan');
    const [, firstOp] = clauseIdsOf(reader.doc);
    const status = await ops.call('clause-status', { id: firstOp, status: 'agreed' });
    expect(status.ok).toBe(true);
    await waitFor(
      () => watcher.positions.some((p) => p.statuses.some((s) => s.clauseId === firstOp && s.status === 'agreed')),
      'the status record pushed on the other process',
      timeout,
    );
    const positions = await callApi(two(), 'GET', 'rooms/chaired/positions', chair);
    const clauses = (positions.body as { clauses: { clauseId: string; status: string; statusBy: string | null }[] })
      .clauses;
    expect(clauses.find((c) => c.clauseId === firstOp)).toMatchObject({ status: 'agreed', statusBy: 'Chair' });
    await waitFor(() => draftText(reader).includes('agreed'), 'the status in the draft on the other process', timeout);
    const lockedOut = nextClose(reader);
    const lockedText = clauseYText(reader.doc, 'op', 0);
    lockedText.insert(lockedText.length, ' amended');
    expect(await lockedOut).toBe(CloseCode.refused);
    reader.destroy();

    // Revocation: the revoked delegation's connection on the other process closes with 4403.
    const revoked = await join(two(), 'chaired', 'Peru');
    const revokedClose = nextClose(revoked);
    expect((await ops.call('revoke', { delegation: 'Peru' })).ok).toBe(true);
    expect(await revokedClose).toBe(CloseCode.forbidden);
    revoked.destroy();

    // Archive: every connection on the other process closes with 4404.
    const archivedClose = whenClosed(watcher.socket);
    expect((await ops.call('archive', {})).ok).toBe(true);
    expect((await archivedClose).code).toBe(CloseCode.roomGone);
  });

  it('decides on one process the brackets and suggestions a delegation made on the other', async () => {
    const chair = await createRoom(one(), 'decided');
    const ops = await openOperationSocket(one().wsUrl, 'decided', chair);
    sockets.push(ops.socket);
    const brazil = await join(two(), 'decided', 'Brazil', 'suggestions');
    const feed = listenForSuggestions(brazil.provider);
    const kenya = await one().token('decided', 'Kenya');
    const timeout = 10_000;

    // Who proposed the bracket is recorded on Brazil's process and known on the chair's.
    bracketText(brazil.doc, 'op', 0, 0, 4, 'b-br');
    await waitForAsync(
      async () => {
        const answer = await callApi(one(), 'GET', 'rooms/decided/positions', kenya);
        const brackets = (answer.body as { brackets: { id: string; proposedBy: string | null }[] }).brackets;
        return brackets.some((b) => b.id === 'b-br' && b.proposedBy === 'Brazil');
      },
      "Brazil's bracket record on the chair's process",
      timeout,
    );
    const stance = await callApi(one(), 'PUT', 'rooms/decided/stances/b-br', kenya, { stance: 'object' });
    expect(stance.status).toBe(200);
    expect((await ops.call('bracket-remove', { id: 'b-br' })).ok).toBe(true);
    await waitFor(() => !marked(brazil.doc, 'bracket', 'b-br'), "the bracket off Brazil's text", timeout);

    // A suggestion made on Brazil's process, accepted by the chair on the other.
    suggestInsertion(brazil.doc, 'op', 0, ' in good faith', 's-br');
    await waitForAsync(
      async () => {
        const answer = await callApi(one(), 'GET', 'rooms/decided/suggestions', chair);
        return (answer.body as { suggestions: { id: string }[] }).suggestions.some((r) => r.id === 's-br');
      },
      "Brazil's suggestion known on the chair's process",
      timeout,
    );
    const accepted = await ops.call('suggestion-accept', { id: 's-br' });
    expect(accepted.ok).toBe(true);
    await waitFor(() => feed.latest('s-br')?.status === 'accepted', 'the decision pushed to Brazil', timeout);
    await waitFor(
      () =>
        clauseYText(brazil.doc, 'op', 0).toString().includes(' in good faith') &&
        !marked(brazil.doc, 'insertion', 's-br'),
      "the accepted text in Brazil's draft without its mark",
      timeout,
    );
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useChairedRoom } from '../support/chaired-room.js';
import { connectClient, waitFor, waitForAsync, whenSynced } from '../support/clients.js';
import { countStored } from '../support/stored.js';
import { listenForSuggestions, listSuggestions, suggestDeletion, suggestInsertion } from '../support/suggestions.js';
import { clauseYText } from '../support/y-draft.js';

const ROOM = 'suggestion-records';

describe('suggestion records', () => {
  const room = useChairedRoom(ROOM);

  it('records a new mark id for the delegation that wrote it, pushes it live and lists it for any token', async () => {
    const france = await room.server.token(ROOM, 'France', 'delegate', { person: 'p-fr' });
    const observer = await room.server.token(ROOM, 'Press', 'observer');
    const watcherClient = connectClient(room.server.wsUrl, ROOM, room.chair, { params: { ext: 'suggestions' } });
    const feed = listenForSuggestions(watcherClient.provider);
    await whenSynced(watcherClient.provider);
    await waitFor(() => feed.payloads.some((p) => p.kind === 'all'), 'the records on connect');
    expect(feed.payloads[0]).toEqual({ kind: 'all', suggestions: [] });

    const writer = await room.join(france);
    suggestInsertion(writer.doc, 'op', 0, ' and peaceful', 's-fr1');
    const original = String((clauseYText(writer.doc, 'pp', 0).toDelta() as { insert: string }[])[0]?.insert);
    suggestDeletion(writer.doc, 'pp', 0, 0, 4, 's-fr2');
    await waitFor(() => feed.latest('s-fr1') !== undefined && feed.latest('s-fr2') !== undefined, 'the push');
    const inserted = feed.latest('s-fr1');
    expect(inserted).toMatchObject({
      kind: 'insertion',
      delegation: 'France',
      person: 'p-fr',
      text: ' and peaceful',
      status: 'open',
    });
    expect(inserted?.clauseId).toMatch(/.+/);
    const deletion = feed.latest('s-fr2');
    expect(deletion).toMatchObject({ kind: 'deletion', delegation: 'France' });
    expect(deletion?.text).toBe(original.slice(0, 4));

    // Typing on inside the insertion keeps the record's text current.
    const target = clauseYText(writer.doc, 'op', 0);
    target.insert(target.length, ' uses', { insertion: { id: 's-fr1' } });
    await waitFor(() => feed.latest('s-fr1')?.text === ' and peaceful uses', 'the changed text');

    const listed = await listSuggestions(room.server, ROOM, observer);
    expect(listed.map((r) => r.id).sort()).toEqual(['s-fr1', 's-fr2']);
    expect(listed.find((r) => r.id === 's-fr1')?.text).toBe(' and peaceful uses');
    watcherClient.destroy();
  });

  it('refuses a mark id of another delegation (4509) and stores nothing of that write', async () => {
    const france = await room.server.token(ROOM, 'France');
    const brazil = await room.server.token(ROOM, 'Brazil');
    const writer = await room.join(france);
    suggestInsertion(writer.doc, 'op', 0, ' first', 's-taken');
    await waitForAsync(
      async () => (await listSuggestions(room.server, ROOM, france)).some((r) => r.id === 's-taken'),
      'the record',
    );
    const stored = await countStored(room.server, ROOM);
    const forger = await room.join(brazil);
    const closed = room.nextClose(forger);
    suggestInsertion(forger.doc, 'op', 1, ' forged', 's-taken');
    expect(await closed).toBe(4509);
    await room.server.server.rooms.peek(ROOM).then((r) => r?.whenSettled());
    expect(await countStored(room.server, ROOM)).toBe(stored);
    expect(writer.doc.getXmlFragment('draft').toString()).not.toContain('forged');
    const records = await listSuggestions(room.server, ROOM, france);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ id: 's-taken', delegation: 'France', text: ' first' });
  });

  it('ignores a delegation name written into the document: the record names the writer', async () => {
    const brazil = await room.server.token(ROOM, 'Brazil');
    const writer = await room.join(brazil);
    const target = clauseYText(writer.doc, 'op', 0);
    target.insert(target.length, ' claimed', { insertion: { id: 's-claim', delegation: 'France', person: 'p-fr' } });
    await waitForAsync(
      async () => (await listSuggestions(room.server, ROOM, brazil)).some((r) => r.id === 's-claim'),
      'the record',
    );
    const [record] = await listSuggestions(room.server, ROOM, brazil);
    expect(record).toMatchObject({ delegation: 'Brazil', person: null });
  });

  it('refuses a write under a client id bound to another connection, recording nothing for it', async () => {
    const france = await room.server.token(ROOM, 'France');
    const brazil = await room.server.token(ROOM, 'Brazil');
    const owner = await room.join(france);
    const target = clauseYText(owner.doc, 'op', 0);
    target.insert(target.length, ' mine');
    await room.server.server.rooms.peek(ROOM).then((r) => r?.whenSettled());
    // Brazil's doc writes under France's client id.
    const doc = new Y.Doc();
    const forger = room.connect(brazil, doc);
    await whenSynced(forger.provider);
    // Set once synced: a doc receiving content under its own client id would pick a new one.
    const ownId = doc.clientID;
    doc.clientID = owner.doc.clientID;
    const closed = room.nextClose(forger);
    suggestInsertion(doc, 'op', 1, ' as France', 's-stolen');
    expect(await closed).toBe(4509);
    // Its awareness state is kept under its own id: put it back so the provider shuts down cleanly.
    doc.clientID = ownId;
    expect(await listSuggestions(room.server, ROOM, france)).toEqual([]);
  });

  it('keeps the delegation of a suggestion made offline and sent on reconnect', async () => {
    const france = await room.server.token(ROOM, 'France');
    const writer = await room.join(france);
    writer.provider.disconnect();
    suggestInsertion(writer.doc, 'op', 0, ' offline', 's-off');
    writer.provider.connect();
    await waitForAsync(
      async () => (await listSuggestions(room.server, ROOM, france)).some((r) => r.id === 's-off'),
      'the record after reconnecting',
    );
    const [record] = await listSuggestions(room.server, ROOM, france);
    expect(record).toMatchObject({ delegation: 'France', text: ' offline' });
  });
});

describe('suggestions made offline across a server restart', () => {
  const room = useChairedRoom(ROOM);

  it('keeps the delegation of a suggestion made offline and merged after the server restarted', async () => {
    const france = await room.server.token(ROOM, 'France', 'delegate', { person: 'p-fr' });
    const writer = await room.join(france);
    // A first write binds the client id to France before the restart.
    const bound = clauseYText(writer.doc, 'op', 1);
    bound.insert(bound.length, ' online');
    await room.server.server.rooms.peek(ROOM).then((r) => r?.whenSettled());
    writer.provider.disconnect();
    suggestInsertion(writer.doc, 'op', 0, ' made offline', 's-restart');
    await room.restart();
    // The same client, with its document and client id, reconnects to the new server process.
    writer.provider.serverUrl = room.server.wsUrl;
    writer.provider.connect();
    await waitForAsync(
      async () => (await listSuggestions(room.server, ROOM, france)).some((r) => r.id === 's-restart'),
      'the record after the restart',
    );
    const [record] = await listSuggestions(room.server, ROOM, room.chair);
    expect(record).toMatchObject({ id: 's-restart', delegation: 'France', person: 'p-fr', text: ' made offline' });
    await room.restart();
    const [stored] = await listSuggestions(room.server, ROOM, room.chair);
    expect(stored).toMatchObject({ id: 's-restart', delegation: 'France', person: 'p-fr' });
  });
});

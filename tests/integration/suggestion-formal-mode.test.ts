import { DRAFT_FRAGMENT, repairFragmentIds } from '@plenary/schema';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { callApi } from '../support/api.js';
import { useChairedRoom } from '../support/chaired-room.js';
import { waitFor, waitForAsync } from '../support/clients.js';
import { countStored, storedDocument } from '../support/stored.js';
import { listSuggestions, suggestDeletion, suggestInsertion } from '../support/suggestions.js';
import { clauseYText } from '../support/y-draft.js';

const ROOM = 'formal-mode';

async function settled(room: ReturnType<typeof useChairedRoom>): Promise<void> {
  await (await room.server.server.rooms.peek(ROOM))?.whenSettled();
}

describe('formal mode', () => {
  const room = useChairedRoom(ROOM);

  it("refuses a delegate's direct edit (4509): nothing stored, the others never see it; its suggestions pass", async () => {
    const france = await room.server.token(ROOM, 'France');
    const writer = await room.join(france);
    const other = await room.join(room.chair);
    // Switched while both are connected: the next write is checked under it.
    const switched = await callApi(room.server, 'PATCH', `rooms/${ROOM}/settings`, room.chair, { mode: 'formal' });
    expect(switched.status).toBe(200);

    suggestInsertion(writer.doc, 'op', 0, ' proposed', 's-formal');
    suggestDeletion(writer.doc, 'pp', 0, 0, 3, 's-formal-del');
    await waitFor(
      () => clauseYText(other.doc, 'op', 0).toString().includes('proposed'),
      'the suggestion reaches the chair',
    );
    await waitForAsync(async () => (await listSuggestions(room.server, ROOM, france)).length === 2, 'both records');
    await settled(room);
    const stored = await countStored(room.server, ROOM);

    const closed = room.nextClose(writer);
    const target = clauseYText(writer.doc, 'op', 1);
    target.insert(target.length, ' DIRECT', { insertion: null });
    expect(await closed).toBe(4509);
    await settled(room);
    // A later write of the chair's crosses the room: the refused one never did.
    const chairText = clauseYText(other.doc, 'op', 2);
    chairText.insert(chairText.length, ' chair edit');
    await waitForAsync(async () => (await countStored(room.server, ROOM)) > stored, "the chair's edit stored");
    expect(await countStored(room.server, ROOM)).toBe(stored + 1);
    expect(other.doc.getXmlFragment('draft').toString()).not.toContain('DIRECT');
    expect((await storedDocument(room.server, ROOM)).getXmlFragment('draft').toString()).not.toContain('DIRECT');
    expect((await storedDocument(room.server, ROOM)).getXmlFragment('draft').toString()).toContain('chair edit');
  });

  it("refuses a delegate deleting text outside its own insertion, and touching another's suggestion", async () => {
    const france = await room.server.token(ROOM, 'France');
    const brazil = await room.server.token(ROOM, 'Brazil');
    await callApi(room.server, 'PATCH', `rooms/${ROOM}/settings`, room.chair, { mode: 'formal' });
    const fr = await room.join(france);
    suggestInsertion(fr.doc, 'op', 0, ' french words', 's-fr');
    await waitForAsync(async () => (await listSuggestions(room.server, ROOM, france)).length === 1, 'the record');
    await settled(room);

    const br = await room.join(brazil);
    const deleting = room.nextClose(br);
    clauseYText(br.doc, 'op', 1).delete(0, 2);
    expect(await deleting).toBe(4509);

    const br2 = await room.join(brazil);
    const touching = room.nextClose(br2);
    const text = clauseYText(br2.doc, 'op', 0);
    // Deleting France's proposed words outright (a delegate must propose their deletion instead).
    text.delete(text.length - 6, 6);
    expect(await touching).toBe(4509);

    // France may delete its own proposed words, and Brazil may propose deleting France's.
    const own = clauseYText(fr.doc, 'op', 0);
    own.delete(own.length - 6, 6);
    await waitForAsync(
      async () => (await listSuggestions(room.server, ROOM, france))[0]?.text === ' french',
      'the shorter record',
    );
    const br3 = await room.join(brazil);
    const t3 = clauseYText(br3.doc, 'op', 0);
    t3.format(t3.length - 6, 6, { deletion: { id: 's-br-del' } });
    await waitForAsync(
      async () => (await listSuggestions(room.server, ROOM, brazil)).some((r) => r.id === 's-br-del'),
      "Brazil's proposed deletion",
    );
    expect(br3.provider.wsconnected).toBe(true);
  });

  it('lets the chair edit directly', async () => {
    await callApi(room.server, 'PATCH', `rooms/${ROOM}/settings`, room.chair, { mode: 'formal' });
    const chair = await room.join(room.chair);
    const text = clauseYText(chair.doc, 'op', 0);
    text.insert(text.length, ' by the chair');
    await waitForAsync(
      async () => (await storedDocument(room.server, ROOM)).getXmlFragment('draft').toString().includes('by the chair'),
      "the chair's edit stored",
    );
    expect(chair.provider.wsconnected).toBe(true);
  });

  it("accepts a delegate's insertion that lands, concurrently, inside another delegation's proposed deletion", async () => {
    const france = await room.server.token(ROOM, 'France');
    const brazil = await room.server.token(ROOM, 'Brazil');
    await callApi(room.server, 'PATCH', `rooms/${ROOM}/settings`, room.chair, { mode: 'formal' });
    const fr = await room.join(france);
    const br = await room.join(brazil);
    // Brazil edits while cut off; France meanwhile proposes deleting the passage around it.
    br.provider.disconnect();
    const passage = clauseYText(br.doc, 'op', 0);
    passage.insert(4, 'BRAZIL ', { insertion: { id: 's-br-inside' } });
    suggestDeletion(fr.doc, 'op', 0, 0, 10, 's-fr-passage');
    await waitForAsync(async () => (await listSuggestions(room.server, ROOM, france)).length === 1, "France's record");
    await settled(room);

    let closed: number | null = null;
    void room.nextClose(br).then((code) => {
      closed = code;
    });
    br.provider.connect();
    await waitFor(() => clauseYText(fr.doc, 'op', 0).toString().includes('BRAZIL'), "Brazil's words reach France");
    await settled(room);
    expect(closed).toBeNull();
    const records = await listSuggestions(room.server, ROOM, france);
    expect(records.find((r) => r.id === 's-br-inside')?.delegation).toBe('Brazil');
    // Brazil's words fall inside France's proposed deletion: accepting it would remove them too.
    const delta = clauseYText(fr.doc, 'op', 0).toDelta() as { insert: string; attributes?: Record<string, unknown> }[];
    const brazilRun = delta.find((op) => op.insert.includes('BRAZIL'));
    expect(brazilRun?.attributes).toEqual({ insertion: { id: 's-br-inside' }, deletion: { id: 's-fr-passage' } });
  });

  it("accepts a delegate's clause-id repair of a duplicated, a missing and a malformed id", async () => {
    const france = await room.server.token(ROOM, 'France');
    await callApi(room.server, 'PATCH', `rooms/${ROOM}/settings`, room.chair, { mode: 'formal' });
    const chair = await room.join(room.chair);
    const fr = await room.join(france);
    const ops = (doc: Y.Doc) =>
      [
        ...doc
          .getXmlFragment(DRAFT_FRAGMENT)
          .createTreeWalker((el) => el instanceof Y.XmlElement && el.nodeName === 'op'),
      ] as Y.XmlElement[];
    // The chair's edits leave ids to repair, as concurrent moves or an old client would.
    const [first, second, third, fourth] = ops(chair.doc);
    chair.doc.transact(() => {
      second?.setAttribute('id', String(first?.getAttribute('id')));
      third?.removeAttribute('id');
      fourth?.setAttribute('id', 'not an id!');
    });
    await waitFor(() => ops(fr.doc)[2]?.getAttribute('id') === undefined, "the chair's edits at France");
    await settled(room);

    let closed: number | null = null;
    void room.nextClose(fr).then((code) => {
      closed = code;
    });
    // France's client repairs the ids in its document, as its editor does after remote changes.
    expect(repairFragmentIds(fr.doc.getXmlFragment(DRAFT_FRAGMENT))).toBe(3);
    const ids = (doc: Y.Doc) => ops(doc).map((el) => el.getAttribute('id'));
    await waitFor(() => JSON.stringify(ids(chair.doc)) === JSON.stringify(ids(fr.doc)), 'the repair at the chair');
    await settled(room);
    expect(closed).toBeNull();
    const stored = ids(await storedDocument(room.server, ROOM));
    expect(stored).toEqual(ids(fr.doc));
    expect(new Set(stored).size).toBe(stored.length);
    expect(stored.every((id) => typeof id === 'string' && /^[A-Za-z0-9_-]+$/.test(id))).toBe(true);
    expect(fr.provider.wsconnected).toBe(true);

    // A clause id needing no repair stays the chair's to change.
    const renaming = room.nextClose(fr);
    ops(fr.doc)[0]?.setAttribute('id', 'renamed');
    expect(await renaming).toBe(4509);
    await settled(room);
    expect(ids(await storedDocument(room.server, ROOM))).toEqual(stored);
  });
});

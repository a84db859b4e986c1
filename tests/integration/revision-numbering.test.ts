import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { callApi } from '../support/api.js';
import { useChairedRoom } from '../support/chaired-room.js';
import { waitForAsync } from '../support/clients.js';
import { clauseElement, readPositions } from '../support/positions.js';
import { compared, issued } from '../support/revisions.js';

const ROOM = 'revision-numbering';

/** Puts a new operative paragraph with id `id` right after the `index`-th one. */
function addOpAfter(doc: Y.Doc, index: number, id: string, text: string): void {
  doc.transact(() => {
    const before = clauseElement(doc, 'op', index);
    const parent = before.parent as Y.XmlElement;
    const added = new Y.XmlElement('op');
    added.setAttribute('id', id);
    const body = new Y.XmlElement('body');
    body.insert(0, [new Y.XmlText(text)]);
    added.insert(0, [body]);
    parent.insert(parent.toArray().indexOf(before) + 1, [added]);
  });
}

describe('issuing a revision while numbering is frozen', () => {
  const room = useChairedRoom(ROOM);

  async function numbersOf(id: string): Promise<Record<string, string>> {
    const read = await callApi(room.server, 'GET', `rooms/${ROOM}/revisions/${id}`, room.chair);
    return (read.body as { revision: { numbers: Record<string, string> } }).revision.numbers;
  }

  it('numbers the revision by the frozen map of the position records, stores it with the revision and unfreezes', async () => {
    const chair = await room.join(room.chair);
    const firstId = clauseElement(chair.doc, 'op', 0).getAttribute('id') as string;
    const secondId = clauseElement(chair.doc, 'op', 1).getAttribute('id') as string;
    const frozen = await callApi(room.server, 'PATCH', `rooms/${ROOM}/settings`, room.chair, { numberingFrozen: true });
    expect(frozen.status).toBe(200);
    expect((await room.server.server.storage.listPositions(ROOM)).frozen?.[secondId]).toBe('2');
    addOpAfter(chair.doc, 0, 'new-op', 'Stresses the urgency;');
    const label = async () =>
      (await readPositions(room.server, ROOM, room.chair)).clauses.find((c) => c.clauseId === 'new-op')?.label;
    await waitForAsync(async () => (await label()) === 'OP 1 bis', 'OP 1 bis while frozen');

    const rev1 = await issued(room.server, ROOM, room.chair, 'Rev.1');
    const stored = await room.server.server.storage.getRevision(ROOM, rev1.id);
    expect(stored?.numberingWasFrozen).toBe(true);
    expect(stored?.numbers).toMatchObject({ [firstId]: '1', 'new-op': '1 bis', [secondId]: '2' });
    expect(await numbersOf(rev1.id)).toEqual(stored?.numbers);

    // Unfrozen: the setting, the position records and the live numbering.
    const settings = await callApi(room.server, 'GET', `rooms/${ROOM}/settings`, room.chair);
    expect((settings.body as { numberingFrozen: boolean }).numberingFrozen).toBe(false);
    expect((await room.server.server.storage.listPositions(ROOM)).frozen).toBeNull();
    expect(await label()).toBe('OP 2');
    const added = (await compared(room.server, ROOM, room.chair, rev1.id)).find((c) => c.clauseId === 'new-op');
    expect([added?.from, added?.to, added?.change]).toEqual(['OP 1 bis', 'OP 2', 'same']);

    // The next revision, issued unfrozen, numbers afresh.
    const rev2 = await issued(room.server, ROOM, room.chair, 'Rev.2');
    expect(await numbersOf(rev2.id)).toMatchObject({ 'new-op': '2', [secondId]: '3' });
    expect((await room.server.server.storage.getRevision(ROOM, rev2.id))?.numberingWasFrozen).toBe(false);
  });

  it('compares with the live draft by the frozen map of the position records, not by the last revision', async () => {
    const chair = await room.join(room.chair);
    const rev1 = await issued(room.server, ROOM, room.chair, 'Rev.1');
    const has = (id: string) => async () =>
      (await compared(room.server, ROOM, room.chair, rev1.id)).some((c) => c.clauseId === id);
    // Added after Rev.1 and before the freeze: the frozen map numbers it "2".
    addOpAfter(chair.doc, 0, 'mid-op', 'Notes the progress made;');
    await waitForAsync(has('mid-op'), 'the first new clause stored');
    const freeze = await callApi(room.server, 'PATCH', `rooms/${ROOM}/settings`, room.chair, { numberingFrozen: true });
    expect(freeze.status).toBe(200);
    addOpAfter(chair.doc, 1, 'late-op', 'Invites further views;');
    await waitForAsync(has('late-op'), 'the second new clause stored');
    const clauses = await compared(room.server, ROOM, room.chair, rev1.id);
    const row = (id: string) => {
      const c = clauses.find((clause) => clause.clauseId === id);
      return [c?.from, c?.to, c?.change];
    };
    expect(row('mid-op')).toEqual([null, 'OP 2', 'added']);
    expect(row('late-op')).toEqual([null, 'OP 2 bis', 'added']);
  });
});

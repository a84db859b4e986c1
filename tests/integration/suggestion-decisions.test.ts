import type { SuggestionRecord } from '@plenary/protocol';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { callApi, errorCode } from '../support/api.js';
import { useChairedRoom } from '../support/chaired-room.js';
import { waitFor, waitForAsync } from '../support/clients.js';
import { openOperationSocket } from '../support/operation-socket.js';
import { storedDocument } from '../support/stored.js';
import { listSuggestions, suggestDeletion, suggestInsertion, typeInClause } from '../support/suggestions.js';
import { clauseYText } from '../support/y-draft.js';

const ROOM = 'suggestion-decisions';

/** The clause's text with the suggestion marks each run carries, as `text{kind:id}`. */
function marked(doc: Y.Doc, kind: 'pp' | 'op', index: number): string {
  const delta = clauseYText(doc, kind, index).toDelta() as {
    insert: string;
    attributes?: { insertion?: { id: string }; deletion?: { id: string } };
  }[];
  return delta
    .map(({ insert, attributes }) => {
      if (attributes?.insertion) return `${insert}{ins:${attributes.insertion.id}}`;
      if (attributes?.deletion) return `${insert}{del:${attributes.deletion.id}}`;
      return insert;
    })
    .join('');
}

function post(room: ReturnType<typeof useChairedRoom>, path: string, token: string, body?: unknown) {
  return callApi(room.server, 'POST', `rooms/${ROOM}/suggestions/${path}`, token, body);
}

describe('deciding suggestions', () => {
  const room = useChairedRoom(ROOM);

  async function recorded(token: string, ids: readonly string[]): Promise<void> {
    await waitForAsync(
      async () => {
        const records = await listSuggestions(room.server, ROOM, token);
        return ids.every((id) => records.some((r) => r.id === id));
      },
      `records ${ids.join(', ')}`,
    );
  }

  it('applies an accepted insertion and a rejected one for every client, storing the result first', async () => {
    const france = await room.server.token(ROOM, 'France', 'delegate', { person: 'p-fr' });
    const writer = await room.join(france);
    const before = marked(writer.doc, 'op', 0);
    suggestInsertion(writer.doc, 'op', 0, ' and peaceful', 's-keep');
    suggestInsertion(writer.doc, 'op', 1, ' at once', 's-drop');
    await recorded(france, ['s-keep', 's-drop']);

    const accepted = await post(room, 's-keep/accept', room.chair);
    expect(accepted.status).toBe(200);
    const [record] = (accepted.body as { suggestions: SuggestionRecord[] }).suggestions;
    expect(record).toMatchObject({ id: 's-keep', status: 'accepted', decidedBy: 'Chair', delegation: 'France' });
    expect(typeof record?.decidedAt).toBe('number');
    await waitFor(() => marked(writer.doc, 'op', 0) === `${before} and peaceful`, 'the accepted text on the client');
    // What a client received is stored.
    expect(marked(await storedDocument(room.server, ROOM), 'op', 0)).toBe(`${before} and peaceful`);

    const op2 = marked(writer.doc, 'op', 1).replace(' at once{ins:s-drop}', '');
    expect((await post(room, 's-drop/reject', room.chair)).status).toBe(200);
    await waitFor(() => marked(writer.doc, 'op', 1) === op2, 'the rejected text gone');

    await room.restart();
    const listed = await listSuggestions(room.server, ROOM, france);
    expect(listed.find((r) => r.id === 's-keep')?.status).toBe('accepted');
    expect(listed.find((r) => r.id === 's-drop')?.status).toBe('rejected');
  });

  it('removes text whose deletion is accepted and keeps it when the deletion is rejected', async () => {
    const france = await room.server.token(ROOM, 'France');
    const writer = await room.join(france);
    const pp1 = marked(writer.doc, 'pp', 0);
    const pp2 = marked(writer.doc, 'pp', 1);
    suggestDeletion(writer.doc, 'pp', 0, 0, 4, 's-cut');
    suggestDeletion(writer.doc, 'pp', 1, 0, 4, 's-spare');
    await recorded(france, ['s-cut', 's-spare']);
    expect((await post(room, 's-cut/accept', room.chair)).status).toBe(200);
    expect((await post(room, 's-spare/reject', room.chair)).status).toBe(200);
    await waitFor(() => marked(writer.doc, 'pp', 0) === pp1.slice(4), 'the accepted deletion');
    await waitFor(() => marked(writer.doc, 'pp', 1) === pp2, 'the rejected deletion unmarked');
  });

  it('decides all open suggestions of one delegation, or of one clause, and leaves the others open', async () => {
    const france = await room.server.token(ROOM, 'France');
    const brazil = await room.server.token(ROOM, 'Brazil');
    const fr = await room.join(france);
    const br = await room.join(brazil);
    suggestInsertion(fr.doc, 'op', 0, ' one', 's-fr-a');
    suggestInsertion(fr.doc, 'op', 1, ' two', 's-fr-b');
    suggestInsertion(br.doc, 'op', 0, ' three', 's-br-a');
    await recorded(france, ['s-fr-a', 's-fr-b', 's-br-a']);

    const byFrance = await post(room, 'decide', room.chair, { action: 'accept', delegation: 'France' });
    expect(byFrance.status).toBe(200);
    let records = await listSuggestions(room.server, ROOM, france);
    expect(Object.fromEntries(records.map((r) => [r.id, r.status]))).toEqual({
      's-fr-a': 'accepted',
      's-fr-b': 'accepted',
      's-br-a': 'open',
    });

    const clauseId = records.find((r) => r.id === 's-br-a')?.clauseId;
    expect((await post(room, 'decide', room.chair, { action: 'reject', clauseId })).status).toBe(200);
    records = await listSuggestions(room.server, ROOM, france);
    expect(records.find((r) => r.id === 's-br-a')?.status).toBe('rejected');
  });

  it('is the chair’s decision only, refuses closed or unknown suggestions, and lets a delegation withdraw its own', async () => {
    const france = await room.server.token(ROOM, 'France');
    const brazil = await room.server.token(ROOM, 'Brazil');
    const writer = await room.join(france);
    suggestInsertion(writer.doc, 'op', 0, ' maybe', 's-mine');
    suggestInsertion(writer.doc, 'op', 1, ' later', 's-other');
    await recorded(france, ['s-mine', 's-other']);

    const byDelegate = await post(room, 's-mine/accept', brazil);
    expect([byDelegate.status, errorCode(byDelegate)]).toEqual([403, 'chair_only']);
    const decideByDelegate = await post(room, 'decide', france, { action: 'accept' });
    expect([decideByDelegate.status, errorCode(decideByDelegate)]).toEqual([403, 'chair_only']);
    const notHers = await post(room, 's-mine/withdraw', brazil);
    expect([notHers.status, errorCode(notHers)]).toEqual([403, 'not_author']);
    const unknown = await post(room, 's-none/accept', room.chair);
    expect([unknown.status, errorCode(unknown)]).toEqual([404, 'suggestion_not_found']);

    const withdrawn = await post(room, 's-mine/withdraw', france);
    expect(withdrawn.status).toBe(200);
    expect((withdrawn.body as { suggestions: SuggestionRecord[] }).suggestions[0]).toMatchObject({
      status: 'withdrawn',
      decidedBy: 'France',
    });
    await waitFor(() => !marked(writer.doc, 'op', 0).includes('maybe'), 'the withdrawn text gone');
    const again = await post(room, 's-mine/accept', room.chair);
    expect([again.status, errorCode(again)]).toEqual([409, 'suggestion_closed']);
    // Nothing was decided by the refused calls.
    const records = await listSuggestions(room.server, ROOM, france);
    expect(records.find((r) => r.id === 's-other')?.status).toBe('open');
  });

  it('refuses a malformed decide body with 400 and decides nothing', async () => {
    const france = await room.server.token(ROOM, 'France');
    const writer = await room.join(france);
    suggestInsertion(writer.doc, 'op', 0, ' held', 's-held');
    await recorded(france, ['s-held']);
    for (const body of [
      { action: 'approve' },
      { action: 'accept', clauseId: 7 },
      { action: 'accept', delegation: '' },
    ]) {
      const answer = await post(room, 'decide', room.chair, body);
      expect(answer.status).toBe(400);
    }
    expect((await listSuggestions(room.server, ROOM, france))[0]?.status).toBe('open');
  });

  it('runs the same decisions over message 103, with the HTTP refusals as error replies', async () => {
    const france = await room.server.token(ROOM, 'France');
    const writer = await room.join(france);
    suggestInsertion(writer.doc, 'op', 0, ' over the socket', 's-ws');
    suggestInsertion(writer.doc, 'op', 1, ' withdrawn', 's-ws-own');
    await recorded(france, ['s-ws', 's-ws-own']);
    const chair = await openOperationSocket(room.server.wsUrl, ROOM, room.chair, 'operations');
    const delegate = await openOperationSocket(room.server.wsUrl, ROOM, france, 'operations');

    const refused = await delegate.call('suggestion-accept', { id: 's-ws' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'chair_only', status: 403 } });
    const accepted = await chair.call('suggestion-accept', { id: 's-ws' });
    expect(accepted).toMatchObject({ ok: true, result: { suggestions: [{ id: 's-ws', status: 'accepted' }] } });
    const closed = await chair.call('suggestion-reject', { id: 's-ws' });
    expect(closed).toMatchObject({ ok: false, error: { code: 'suggestion_closed', status: 409 } });
    const own = await delegate.call('suggestion-withdraw', { id: 's-ws-own' });
    expect(own).toMatchObject({ ok: true, result: { suggestions: [{ status: 'withdrawn', decidedBy: 'France' }] } });
    const none = await chair.call('suggestions-decide', { action: 'accept' });
    expect(none).toMatchObject({ ok: true, result: { suggestions: [] } });
    await waitFor(() => marked(writer.doc, 'op', 0).endsWith(' over the socket'), 'the accepted text');
    // Refusals are answers: both sockets stay open.
    expect([chair.open, delegate.open]).toEqual([true, true]);
    chair.socket.close();
    delegate.socket.close();
  });
});

describe('deciding suggestions that span clauses or sit inside one another', () => {
  const room = useChairedRoom(ROOM);

  async function recorded(ids: readonly string[]): Promise<void> {
    await waitForAsync(
      async () => {
        const records = await listSuggestions(room.server, ROOM, room.chair);
        return ids.every((id) => records.some((r) => r.id === id));
      },
      `records ${ids.join(', ')}`,
    );
  }

  async function settled(): Promise<void> {
    await (await room.server.server.rooms.peek(ROOM))?.whenSettled();
  }

  const status = async (id: string) =>
    (await listSuggestions(room.server, ROOM, room.chair)).find((r) => r.id === id)?.status;

  /** France proposes deleting the end of PP2 and the start of PP3 under one id, in one write. */
  async function acrossTwoClauses() {
    const fr = await room.join(await room.server.token(ROOM, 'France'));
    const first = clauseYText(fr.doc, 'pp', 1);
    const pp1 = marked(fr.doc, 'pp', 1);
    const pp2 = marked(fr.doc, 'pp', 2);
    fr.doc.transact(() => {
      first.format(pp1.length - 5, 5, { deletion: { id: 's-span' } });
      clauseYText(fr.doc, 'pp', 2).format(0, 4, { deletion: { id: 's-span' } });
    });
    await recorded(['s-span']);
    const [record] = await listSuggestions(room.server, ROOM, room.chair);
    expect(record).toMatchObject({ kind: 'deletion', delegation: 'France', text: pp1.slice(-5) + pp2.slice(0, 4) });
    return { fr, pp1, pp2 };
  }

  it('removes the text of both clauses when a deletion spanning them is accepted, leaving both clauses', async () => {
    const { fr, pp1, pp2 } = await acrossTwoClauses();
    expect((await post(room, 's-span/accept', room.chair)).status).toBe(200);
    const expected = [pp1.slice(0, -5), pp2.slice(4)];
    await waitFor(
      () => marked(fr.doc, 'pp', 1) === expected[0] && marked(fr.doc, 'pp', 2) === expected[1],
      'both parts removed',
    );
    const stored = await storedDocument(room.server, ROOM);
    expect([marked(stored, 'pp', 1), marked(stored, 'pp', 2)]).toEqual(expected);
  });

  it('keeps the text of both clauses, unmarked, when a deletion spanning them is rejected', async () => {
    const { fr, pp1, pp2 } = await acrossTwoClauses();
    expect((await post(room, 's-span/reject', room.chair)).status).toBe(200);
    await waitFor(() => marked(fr.doc, 'pp', 1) === pp1 && marked(fr.doc, 'pp', 2) === pp2, 'both parts unmarked');
    const stored = await storedDocument(room.server, ROOM);
    expect([marked(stored, 'pp', 1), marked(stored, 'pp', 2)]).toEqual([pp1, pp2]);
  });

  it('decides a deletion spanning two clauses as a whole when the chair decides the second clause', async () => {
    const { fr, pp1, pp2 } = await acrossTwoClauses();
    suggestInsertion(fr.doc, 'op', 0, ' elsewhere', 's-elsewhere');
    await recorded(['s-elsewhere']);
    const second = clauseYText(fr.doc, 'pp', 2).parent?.parent;
    const secondId = second instanceof Y.XmlElement ? second.getAttribute('id') : undefined;
    const span = (await listSuggestions(room.server, ROOM, room.chair)).find((r) => r.id === 's-span');
    // The record names the clause the deletion starts in, not the second one.
    expect(secondId).toBeTruthy();
    expect(span?.clauseId).not.toBe(secondId);

    const decided = await post(room, 'decide', room.chair, { action: 'accept', clauseId: secondId });
    expect(decided.status).toBe(200);
    expect((decided.body as { suggestions: SuggestionRecord[] }).suggestions.map((r) => [r.id, r.status])).toEqual([
      ['s-span', 'accepted'],
    ]);
    const expected = [pp1.slice(0, -5), pp2.slice(4)];
    await waitFor(
      () => marked(fr.doc, 'pp', 1) === expected[0] && marked(fr.doc, 'pp', 2) === expected[1],
      'both parts removed',
    );
    expect(await status('s-elsewhere')).toBe('open');
  });

  /** France proposes words at the end of OP1; the chair, editing directly, types its own inside them. */
  async function splitByTheChair() {
    const fr = await room.join(await room.server.token(ROOM, 'France'));
    const before = marked(fr.doc, 'op', 0);
    const at = clauseYText(fr.doc, 'op', 0).length;
    suggestInsertion(fr.doc, 'op', 0, ' and peaceful', 's-split');
    await recorded(['s-split']);
    const chair = await room.join(room.chair);
    // As y-prosemirror writes the chair's plain words: the insertion off for them, back on after.
    typeInClause(chair.doc, 'op', 0, at + ' and'.length, ' lasting');
    const split = `${before} and{ins:s-split} lasting peaceful{ins:s-split}`;
    await waitFor(() => marked(fr.doc, 'op', 0) === split, "the chair's words at France's");
    await settled();
    const record = (await listSuggestions(room.server, ROOM, room.chair)).find((r) => r.id === 's-split');
    expect(record).toMatchObject({ kind: 'insertion', delegation: 'France', text: ' and peaceful', status: 'open' });
    return { fr, before };
  }

  it('removes both parts of an insertion the chair typed inside when it is rejected, keeping the chair’s words', async () => {
    const { fr, before } = await splitByTheChair();
    expect((await post(room, 's-split/reject', room.chair)).status).toBe(200);
    await waitFor(() => marked(fr.doc, 'op', 0) === `${before} lasting`, 'both parts gone');
    expect(marked(await storedDocument(room.server, ROOM), 'op', 0)).toBe(`${before} lasting`);
    expect(await status('s-split')).toBe('rejected');
  });

  it('keeps both parts of an insertion the chair typed inside when it is accepted, unmarked', async () => {
    const { fr, before } = await splitByTheChair();
    expect((await post(room, 's-split/accept', room.chair)).status).toBe(200);
    await waitFor(() => marked(fr.doc, 'op', 0) === `${before} and lasting peaceful`, 'both parts unmarked');
    expect(await status('s-split')).toBe('accepted');
  });

  /**
   * Brazil, cut off, proposes inserting words inside a passage France meanwhile proposes to
   * delete: once merged, Brazil's words carry both marks.
   */
  async function insertionInsideDeletion() {
    const fr = await room.join(await room.server.token(ROOM, 'France'));
    const br = await room.join(await room.server.token(ROOM, 'Brazil'));
    const original = marked(fr.doc, 'op', 2);
    br.provider.disconnect();
    clauseYText(br.doc, 'op', 2).insert(4, 'BRAZIL ', { insertion: { id: 's-inner' } });
    suggestDeletion(fr.doc, 'op', 2, 0, 10, 's-outer');
    await recorded(['s-outer']);
    br.provider.connect();
    await recorded(['s-inner']);
    await waitFor(() => marked(fr.doc, 'op', 2).includes('BRAZIL {ins:s-inner}'), "Brazil's words at France's");
    expect(marked(fr.doc, 'op', 2)).toBe(
      `${original.slice(0, 4)}{del:s-outer}BRAZIL {ins:s-inner}${original.slice(4, 10)}{del:s-outer}${original.slice(10)}`,
    );
    return { fr, original };
  }

  it('removes an insertion made inside a deletion that is accepted, and closes its record', async () => {
    const { fr, original } = await insertionInsideDeletion();
    expect((await post(room, 's-outer/accept', room.chair)).status).toBe(200);
    await waitFor(() => marked(fr.doc, 'op', 2) === original.slice(10), 'the passage and the words inside it gone');
    expect(await status('s-outer')).toBe('accepted');
    // Its words are gone with the passage: the insertion is no longer open to decide.
    expect(await status('s-inner')).toBe('rejected');
  });

  it('keeps an insertion made inside a deletion that is rejected, still open under its delegation', async () => {
    const { fr, original } = await insertionInsideDeletion();
    expect((await post(room, 's-outer/reject', room.chair)).status).toBe(200);
    await waitFor(
      () => marked(fr.doc, 'op', 2) === `${original.slice(0, 4)}BRAZIL {ins:s-inner}${original.slice(4)}`,
      'the passage unmarked, the words still proposed',
    );
    const inner = (await listSuggestions(room.server, ROOM, room.chair)).find((r) => r.id === 's-inner');
    expect(inner).toMatchObject({ status: 'open', delegation: 'Brazil', text: 'BRAZIL ' });
  });

  it('leaves the surrounding deletion to decide once the insertion inside it is accepted', async () => {
    const { fr, original } = await insertionInsideDeletion();
    expect((await post(room, 's-inner/accept', room.chair)).status).toBe(200);
    const accepted = `${original.slice(0, 4)}BRAZIL ${original.slice(4, 10)}{del:s-outer}${original.slice(10)}`;
    await waitFor(() => marked(fr.doc, 'op', 2) === accepted, 'the words accepted, still proposed for deletion');
    expect(await status('s-outer')).toBe('open');
    expect((await post(room, 's-outer/accept', room.chair)).status).toBe(200);
    await waitFor(() => marked(fr.doc, 'op', 2) === original.slice(10), 'the passage with the accepted words gone');
  });

  it('leaves the surrounding deletion to decide once the insertion inside it is rejected', async () => {
    const { fr, original } = await insertionInsideDeletion();
    expect((await post(room, 's-inner/reject', room.chair)).status).toBe(200);
    const rejected = `${original.slice(0, 10)}{del:s-outer}${original.slice(10)}`;
    await waitFor(
      () => marked(fr.doc, 'op', 2) === rejected,
      'the words gone, the passage still proposed for deletion',
    );
    const outer = (await listSuggestions(room.server, ROOM, room.chair)).find((r) => r.id === 's-outer');
    expect(outer).toMatchObject({ status: 'open', text: original.slice(0, 10) });
    expect((await post(room, 's-outer/reject', room.chair)).status).toBe(200);
    await waitFor(() => marked(fr.doc, 'op', 2) === original, 'the passage kept');
  });
});

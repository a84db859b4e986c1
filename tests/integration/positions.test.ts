import { CloseCode } from '@plenary/protocol';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { callApi, errorCode } from '../support/api.js';
import { useChairedRoom } from '../support/chaired-room.js';
import { waitFor, waitForAsync } from '../support/clients.js';
import { openOperationSocket } from '../support/operation-socket.js';
import { addAlternative, bracketText, clauseElement, makeAlternatives, readPositions } from '../support/positions.js';
import { storedDocument } from '../support/stored.js';
import { appendToClause, clauseYText } from '../support/y-draft.js';

const ROOM = 'positions';

/** Whether the clause's text still carries the bracket mark `id`. */
function bracketed(doc: Y.Doc, kind: 'pp' | 'op', index: number, id: string): boolean {
  const delta = clauseYText(doc, kind, index).toDelta() as { attributes?: Record<string, { id?: string }> }[];
  return delta.some((op) =>
    Object.entries(op.attributes ?? {}).some(([key, v]) => key.startsWith('bracket') && v?.id === id),
  );
}

/** The attribute key y-prosemirror stores the clause's first bracket under (`bracket--…`). */
function bracketKeyOf(doc: Y.Doc, kind: 'pp' | 'op', index: number): string {
  const delta = clauseYText(doc, kind, index).toDelta() as { attributes?: Record<string, unknown> }[];
  const key = delta.flatMap((op) => Object.keys(op.attributes ?? {})).find((k) => k.startsWith('bracket'));
  if (!key) throw new Error('no bracket');
  return key;
}

describe('brackets and stances', () => {
  const room = useChairedRoom(ROOM);

  it('records who proposed a bracket from the token, one stance per other delegation, and lets only the chair remove it', async () => {
    const brazil = await room.server.token(ROOM, 'Brazil');
    const kenya = await room.server.token(ROOM, 'Kenya');
    const observer = await room.server.token(ROOM, 'Press', 'observer');
    const br = await room.join(brazil);
    const text = clauseYText(br.doc, 'op', 1).toString();
    bracketText(br.doc, 'op', 1, 0, 5, 'b-br');
    await waitForAsync(
      async () => (await readPositions(room.server, ROOM, kenya)).brackets.length === 1,
      'the bracket',
    );
    const [bracket] = (await readPositions(room.server, ROOM, kenya)).brackets;
    expect(bracket).toMatchObject({ id: 'b-br', text: text.slice(0, 5), proposedBy: 'Brazil', stances: [] });

    const put = (token: string, id: string, body: unknown) =>
      callApi(room.server, 'PUT', `rooms/${ROOM}/stances/${id}`, token, body);
    expect((await put(kenya, 'b-br', { stance: 'support' })).status).toBe(200);
    expect((await put(kenya, 'b-br', { stance: 'object' })).status).toBe(200);
    expect(errorCode(await put(brazil, 'b-br', { stance: 'support' }))).toBe('own_proposal');
    expect(errorCode(await put(room.chair, 'b-br', { stance: 'support' }))).toBe('delegates_only');
    expect(errorCode(await put(observer, 'b-br', { stance: 'support' }))).toBe('delegates_only');
    expect(errorCode(await put(kenya, 'b-none', { stance: 'support' }))).toBe('position_not_found');
    expect(errorCode(await put(kenya, 'b-br', { stance: 'maybe' }))).toBe('invalid_request');
    const stances = (await readPositions(room.server, ROOM, brazil)).brackets[0]?.stances;
    expect(stances?.map((s) => [s.delegation, s.stance])).toEqual([['Kenya', 'object']]);

    const remove = (token: string) => callApi(room.server, 'DELETE', `rooms/${ROOM}/brackets/b-br`, token);
    expect(errorCode(await remove(kenya))).toBe('chair_only');
    expect((await remove(room.chair)).status).toBe(200);
    await waitFor(() => !bracketed(br.doc, 'op', 1, 'b-br'), 'the bracket gone on the client');
    expect(clauseYText(br.doc, 'op', 1).toString()).toBe(text);
    expect(bracketed(await storedDocument(room.server, ROOM), 'op', 1, 'b-br')).toBe(false);
    expect(errorCode(await remove(room.chair))).toBe('bracket_not_found');
  });

  it('lets a delegate bracket text in formal mode, but not unbracket it nor extend another delegation’s bracket', async () => {
    expect((await callApi(room.server, 'PATCH', `rooms/${ROOM}/settings`, room.chair, { mode: 'formal' })).status).toBe(
      200,
    );
    const chile = await room.server.token(ROOM, 'Chile');
    const peru = await room.server.token(ROOM, 'Peru');
    const cl = await room.join(chile);
    bracketText(cl.doc, 'op', 2, 0, 6, 'b-cl');
    await waitForAsync(
      async () => (await readPositions(room.server, ROOM, chile)).brackets.some((b) => b.id === 'b-cl'),
      "Chile's bracket",
    );
    expect((await readPositions(room.server, ROOM, peru)).brackets.find((b) => b.id === 'b-cl')?.proposedBy).toBe(
      'Chile',
    );
    // Peru reuses Chile's bracket id on more words: refused, stored nowhere.
    const pe = await room.join(peru);
    const extended = room.nextClose(pe);
    bracketText(pe.doc, 'op', 2, 8, 4, 'b-cl');
    expect(await extended).toBe(CloseCode.refused);
    // Chile removes its own bracket itself: refused too, the chair removes brackets.
    const removed = room.nextClose(cl);
    clauseYText(cl.doc, 'op', 2).format(0, 6, { [bracketKeyOf(cl.doc, 'op', 2)]: null });
    expect(await removed).toBe(CloseCode.refused);
    const stored = await storedDocument(room.server, ROOM);
    expect(bracketed(stored, 'op', 2, 'b-cl')).toBe(true);
    const spans = (await readPositions(room.server, ROOM, chile)).brackets.filter((b) => b.id === 'b-cl');
    const plain = (clauseYText(stored, 'op', 2).toDelta() as { insert: string }[]).map((op) => op.insert).join('');
    expect(spans.map((b) => b.text)).toEqual([plain.slice(0, 6)]);
    await callApi(room.server, 'PATCH', `rooms/${ROOM}/settings`, room.chair, { mode: 'informal' });
  });

  it('takes a stance over message 103 like over HTTP', async () => {
    const brazil = await room.server.token(ROOM, 'Brazil');
    const chile = await room.server.token(ROOM, 'Chile');
    const br = await room.join(brazil);
    bracketText(br.doc, 'pp', 0, 0, 4, 'b-ws');
    await waitForAsync(
      async () => (await readPositions(room.server, ROOM, chile)).brackets.length === 1,
      'the bracket',
    );
    const socket = await openOperationSocket(room.server.wsUrl, ROOM, chile);
    const result = await socket.call('stance', { id: 'b-ws', stance: 'support' });
    expect(result.ok).toBe(true);
    const again = await socket.call('stance', { id: 'b-ws', stance: 'support', extra: 1 });
    expect(again.ok).toBe(false);
    socket.socket.close();
    const stances = (await readPositions(room.server, ROOM, brazil)).brackets[0]?.stances ?? [];
    expect(stances.map((s) => s.delegation)).toEqual(['Chile']);
  });
});

describe('clause status and locks', () => {
  const room = useChairedRoom(ROOM);

  it('sets a status as the chair, logs who and when, and refuses a delegate writing a status itself', async () => {
    const france = await room.server.token(ROOM, 'France');
    const fr = await room.join(france);
    const clauseId = clauseElement(fr.doc, 'op', 0).getAttribute('id') as string;
    const set = (token: string, status: string) =>
      callApi(room.server, 'POST', `rooms/${ROOM}/clauses/${clauseId}/status`, token, { status });
    expect(errorCode(await set(france, 'agreed'))).toBe('chair_only');
    expect(errorCode(await set(room.chair, 'done'))).toBe('invalid_request');
    expect(
      errorCode(
        await callApi(room.server, 'POST', `rooms/${ROOM}/clauses/nope/status`, room.chair, { status: 'agreed' }),
      ),
    ).toBe('clause_not_found');
    expect((await set(room.chair, 'under-discussion')).status).toBe(200);
    await waitFor(
      () => clauseElement(fr.doc, 'op', 0).getAttribute('status') === 'under-discussion',
      'the status on the client',
    );
    const clause = (await readPositions(room.server, ROOM, france)).clauses.find((c) => c.clauseId === clauseId);
    expect(clause).toMatchObject({ label: 'OP 1', status: 'under-discussion', statusBy: 'Chair' });
    expect(typeof clause?.statusAt).toBe('number');

    const closed = room.nextClose(fr);
    clauseElement(fr.doc, 'op', 1).setAttribute('status', 'agreed');
    expect(await closed).toBe(CloseCode.refused);
    expect(clauseElement(await storedDocument(room.server, ROOM), 'op', 1).getAttribute('status')).not.toBe('agreed');
  });

  it("locks an agreed clause's text for delegates, refuses their move of it, and lets the chair edit it", async () => {
    const france = await room.server.token(ROOM, 'France');
    const brazil = await room.server.token(ROOM, 'Brazil');
    const fr = await room.join(france);
    const br = await room.join(brazil);
    const clauseId = clauseElement(fr.doc, 'op', 1).getAttribute('id') as string;
    expect(
      (
        await callApi(room.server, 'POST', `rooms/${ROOM}/clauses/${clauseId}/status`, room.chair, {
          status: 'agreed-ad-ref',
        })
      ).status,
    ).toBe(200);
    await waitFor(
      () => clauseElement(fr.doc, 'op', 1).getAttribute('status') === 'agreed-ad-ref',
      'the lock on the client',
    );
    const agreed = clauseYText(br.doc, 'op', 1).toString();

    const closed = room.nextClose(fr);
    appendToClause(fr.doc, 'op', 1, ' UNAGREED');
    expect(await closed).toBe(CloseCode.refused);
    // Another clause stays open to the same delegation, on a fresh connection.
    const fr2 = await room.join(france);
    appendToClause(fr2.doc, 'op', 0, ' open');
    await waitFor(() => clauseYText(br.doc, 'op', 0).toString().endsWith(' open'), 'an edit outside the lock');
    expect(clauseYText(br.doc, 'op', 1).toString()).toBe(agreed);

    // A move is a delete and a re-insert: a delegate cannot move a locked clause.
    const moved = room.nextClose(fr2);
    fr2.doc.transact(() => {
      const clause = clauseElement(fr2.doc, 'op', 1);
      const parent = clause.parent as Y.XmlElement;
      const copy = clause.clone();
      const at = parent.toArray().indexOf(clause);
      parent.delete(at, 1);
      parent.insert(0, [copy]);
    });
    expect(await moved).toBe(CloseCode.refused);

    const chair = await room.join(room.chair);
    appendToClause(chair.doc, 'op', 1, ' (chair)');
    await waitFor(() => clauseYText(br.doc, 'op', 1).toString() === `${agreed} (chair)`, "the chair's edit");
    expect(clauseYText(await storedDocument(room.server, ROOM), 'op', 1).toString()).toBe(`${agreed} (chair)`);
  });

  it('lets a delegate move a clause under discussion, keeping its status, and refuses a status smuggled in with a move', async () => {
    const france = await room.server.token(ROOM, 'France');
    const fr = await room.join(france);
    const clause = clauseElement(fr.doc, 'op', 2);
    const clauseId = clause.getAttribute('id') as string;
    await callApi(room.server, 'POST', `rooms/${ROOM}/clauses/${clauseId}/status`, room.chair, {
      status: 'under-discussion',
    });
    await waitFor(() => clauseElement(fr.doc, 'op', 2).getAttribute('status') === 'under-discussion', 'the status');
    const move = (client: typeof fr, status: string) =>
      client.doc.transact(() => {
        const element = clauseElement(client.doc, 'op', 2);
        const parent = element.parent as Y.XmlElement;
        const copy = element.clone();
        copy.setAttribute('status', status);
        parent.delete(parent.toArray().indexOf(element), 1);
        parent.insert(parent.length, [copy]);
      });
    const smuggled = room.nextClose(fr);
    move(fr, 'agreed');
    expect(await smuggled).toBe(CloseCode.refused);
    const fr2 = await room.join(france);
    const before = (await readPositions(room.server, ROOM, france)).clauses.length;
    move(fr2, 'under-discussion');
    await waitForAsync(async () => {
      const doc = await storedDocument(room.server, ROOM);
      const els = [
        ...doc
          .getXmlFragment('draft')
          .createTreeWalker((el) => el instanceof Y.XmlElement && el.getAttribute('id') === clauseId),
      ];
      return (
        els.length === 1 &&
        (els[0] as Y.XmlElement).getAttribute('status') === 'under-discussion' &&
        (els[0] as Y.XmlElement).parent !== clause.parent
      );
    }, 'the moved clause stored');
    expect((await readPositions(room.server, ROOM, france)).clauses.length).toBe(before);
  });

  it('refuses the queued edits of a delegate who was offline while the clause was agreed, and stores none of them', async () => {
    const france = await room.server.token(ROOM, 'France');
    const fr = await room.join(france);
    const clauseId = clauseElement(fr.doc, 'pp', 1).getAttribute('id') as string;
    fr.provider.disconnect();
    appendToClause(fr.doc, 'pp', 1, ' offline words');
    await callApi(room.server, 'POST', `rooms/${ROOM}/clauses/${clauseId}/status`, room.chair, { status: 'agreed' });
    const closed = room.nextClose(fr);
    fr.provider.connect();
    expect(await closed).toBe(CloseCode.refused);
    expect(clauseYText(await storedDocument(room.server, ROOM), 'pp', 1).toString()).not.toContain('offline words');
    // The words stay in the client's own copy, for the app to offer back.
    expect(clauseYText(fr.doc, 'pp', 1).toString()).toContain('offline words');
  });
});

describe('alternatives', () => {
  const room = useChairedRoom(ROOM);

  it("records France's alternative, takes stances on it, and collapses the clause to the chair's pick keeping its id", async () => {
    const france = await room.server.token(ROOM, 'France');
    const kenya = await room.server.token(ROOM, 'Kenya');
    const fr = await room.join(france);
    const ke = await room.join(kenya);
    const clauseId = clauseElement(fr.doc, 'op', 1).getAttribute('id') as string;
    const original = clauseYText(fr.doc, 'op', 1).toString();
    makeAlternatives(fr.doc, 'op', 1, 'g1', 'o1', [{ id: 'o2', text: 'Urges all States to refrain from such tests;' }]);
    await waitFor(
      () => clauseElement(ke.doc, 'op', 1).get(0)?.toString().includes('Urges') === true,
      'the alternatives at Kenya',
    );
    addAlternative(ke.doc, 'op', 1, 'o3', '');
    await waitForAsync(
      async () => (await readPositions(room.server, ROOM, france)).alternatives[0]?.options.length === 3,
      'three alternatives',
    );
    const [group] = (await readPositions(room.server, ROOM, france)).alternatives;
    expect(group?.clauseId).toBe(clauseId);
    expect(group?.options.map((o) => [o.label, o.proposedBy])).toEqual([
      ['Alt 1', null],
      ['Alt 2', 'France'],
      ['Alt 3', 'Kenya'],
    ]);
    expect((await callApi(room.server, 'PUT', `rooms/${ROOM}/stances/o2`, kenya, { stance: 'support' })).status).toBe(
      200,
    );

    const pick = (token: string, option: string) =>
      callApi(room.server, 'POST', `rooms/${ROOM}/alternatives/g1/pick`, token, { option });
    expect(errorCode(await pick(france, 'o2'))).toBe('chair_only');
    expect(errorCode(await pick(room.chair, 'o9'))).toBe('option_not_found');
    const picked = await pick(room.chair, 'o2');
    expect(picked.status).toBe(200);
    expect(picked.body).toMatchObject({
      option: 'o2',
      pickedBy: 'Chair',
      discarded: [
        { id: 'o1', label: 'Alt 1', text: original },
        { id: 'o3', label: 'Alt 3', text: '' },
      ],
    });
    await waitFor(
      () =>
        clauseElement(ke.doc, 'op', 1).toString().includes('Urges') &&
        !clauseElement(ke.doc, 'op', 1).toString().includes(original),
      'the pick on the client',
    );
    expect(clauseElement(ke.doc, 'op', 1).getAttribute('id')).toBe(clauseId);
    expect(errorCode(await pick(room.chair, 'o2'))).toBe('already_picked');
    const stored = await storedDocument(room.server, ROOM);
    expect(clauseElement(stored, 'op', 1).toString()).toContain('Urges all States');
  });

  it('freezes numbering: a clause added meanwhile is "bis", and unfreezing numbers afresh', async () => {
    const chair = await room.join(room.chair);
    const patch = (frozen: boolean) =>
      callApi(room.server, 'PATCH', `rooms/${ROOM}/settings`, room.chair, { numberingFrozen: frozen });
    expect((await patch(true)).status).toBe(200);
    chair.doc.transact(() => {
      const first = clauseElement(chair.doc, 'op', 0);
      const parent = first.parent as Y.XmlElement;
      const added = new Y.XmlElement('op');
      added.setAttribute('id', 'new-op');
      const body = new Y.XmlElement('body');
      body.insert(0, [new Y.XmlText('Stresses the urgency;')]);
      added.insert(0, [body]);
      parent.insert(parent.toArray().indexOf(first) + 1, [added]);
    });
    const label = async () =>
      (await readPositions(room.server, ROOM, room.chair)).clauses.find((c) => c.clauseId === 'new-op')?.label;
    await waitForAsync(async () => (await label()) === 'OP 1 bis', 'OP 1 bis');
    expect((await patch(false)).status).toBe(200);
    expect(await label()).toBe('OP 2');
  });
});

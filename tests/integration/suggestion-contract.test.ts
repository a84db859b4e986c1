import type { SuggestionRecord } from '@plenary/protocol';
import { describe, expect, it } from 'vitest';
import { callApi, errorCode } from '../support/api.js';
import { useChairedRoom } from '../support/chaired-room.js';
import { waitFor, waitForAsync } from '../support/clients.js';
import { openOperationSocket } from '../support/operation-socket.js';
import { listSuggestions, suggestDeletion, suggestInsertion } from '../support/suggestions.js';
import { clauseYText } from '../support/y-draft.js';

const ROOM = 'suggestion-contract';

const OPEN_FIELDS = ['clauseId', 'createdAt', 'delegation', 'id', 'kind', 'person', 'status', 'text'];
const DECIDED_FIELDS = [...OPEN_FIELDS, 'decidedAt', 'decidedBy'].sort();

/** The JSON body of `GET …/suggestions`, as sent, without the client's typing. */
async function listedRaw(room: ReturnType<typeof useChairedRoom>, token: string): Promise<Record<string, unknown>[]> {
  const answer = await callApi(room.server, 'GET', `rooms/${ROOM}/suggestions`, token);
  expect(answer.status).toBe(200);
  const body = answer.body as Record<string, unknown>;
  expect(Object.keys(body)).toEqual(['suggestions']);
  return body.suggestions as Record<string, unknown>[];
}

function post(room: ReturnType<typeof useChairedRoom>, path: string, token: string, body?: unknown) {
  return callApi(room.server, 'POST', `rooms/${ROOM}/suggestions/${path}`, token, body);
}

describe('the suggestions HTTP contract', () => {
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

  it('lists exactly the documented fields with their types, decidedBy and decidedAt only once decided', async () => {
    const france = await room.server.token(ROOM, 'France', 'delegate', { person: 'p-fr' });
    const brazil = await room.server.token(ROOM, 'Brazil');
    const fr = await room.join(france);
    const br = await room.join(brazil);
    suggestInsertion(fr.doc, 'op', 0, ' and peaceful', 's-shape-ins');
    suggestDeletion(br.doc, 'pp', 0, 0, 4, 's-shape-del');
    await recorded(['s-shape-ins', 's-shape-del']);

    const open = await listedRaw(room, brazil);
    expect(open).toHaveLength(2);
    for (const record of open) {
      expect(Object.keys(record).sort()).toEqual(OPEN_FIELDS);
      expect(typeof record.id).toBe('string');
      expect(['insertion', 'deletion']).toContain(record.kind);
      expect(typeof record.delegation).toBe('string');
      expect(record.person === null || typeof record.person === 'string').toBe(true);
      expect(record.clauseId).toEqual(expect.stringMatching(/.+/));
      expect(typeof record.text).toBe('string');
      expect(Number.isInteger(record.createdAt)).toBe(true);
      expect(record.status).toBe('open');
    }
    expect(open.find((r) => r.id === 's-shape-ins')).toMatchObject({
      kind: 'insertion',
      delegation: 'France',
      person: 'p-fr',
      text: ' and peaceful',
    });
    expect(open.find((r) => r.id === 's-shape-del')).toMatchObject({
      kind: 'deletion',
      delegation: 'Brazil',
      person: null,
    });

    expect((await post(room, 's-shape-ins/accept', room.chair)).status).toBe(200);
    expect((await post(room, 's-shape-del/withdraw', brazil)).status).toBe(200);
    const decided = await listedRaw(room, france);
    for (const record of decided) {
      expect(Object.keys(record).sort()).toEqual(DECIDED_FIELDS);
      expect(typeof record.decidedBy).toBe('string');
      expect(Number.isInteger(record.decidedAt)).toBe(true);
      expect(record.decidedAt as number).toBeGreaterThanOrEqual(record.createdAt as number);
    }
    expect(decided.map((r) => [r.id, r.status, r.decidedBy])).toEqual(
      expect.arrayContaining([
        ['s-shape-ins', 'accepted', 'Chair'],
        ['s-shape-del', 'withdrawn', 'Brazil'],
      ]),
    );
  });

  it('lets the operator token (chair of every room) accept and reject, decided as the Chair', async () => {
    const operator = await room.server.token('*', 'Secretariat', 'chair');
    const fr = await room.join(await room.server.token(ROOM, 'France'));
    const kept = clauseYText(fr.doc, 'op', 0).toString();
    suggestInsertion(fr.doc, 'op', 0, ' kept', 's-op-keep');
    suggestInsertion(fr.doc, 'op', 1, ' dropped', 's-op-drop');
    await recorded(['s-op-keep', 's-op-drop']);

    const accepted = await post(room, 's-op-keep/accept', operator);
    expect(accepted.status).toBe(200);
    expect((accepted.body as { suggestions: SuggestionRecord[] }).suggestions).toMatchObject([
      { id: 's-op-keep', status: 'accepted', decidedBy: 'Chair' },
    ]);
    const rejected = await post(room, 's-op-drop/reject', operator);
    expect(rejected.status).toBe(200);
    expect((rejected.body as { suggestions: SuggestionRecord[] }).suggestions).toMatchObject([
      { id: 's-op-drop', status: 'rejected', decidedBy: 'Chair' },
    ]);
    await waitFor(
      () =>
        clauseYText(fr.doc, 'op', 0).toString() === `${kept} kept` &&
        !clauseYText(fr.doc, 'op', 1).toString().includes('dropped'),
      'both decisions applied',
    );
  });

  it('decides every open suggestion of every delegation and clause when decide names neither', async () => {
    const fr = await room.join(await room.server.token(ROOM, 'France'));
    const br = await room.join(await room.server.token(ROOM, 'Brazil'));
    suggestInsertion(fr.doc, 'op', 0, ' one', 's-all-1');
    suggestDeletion(fr.doc, 'pp', 0, 0, 3, 's-all-2');
    suggestInsertion(br.doc, 'op', 2, ' three', 's-all-3');
    await recorded(['s-all-1', 's-all-2', 's-all-3']);
    expect((await post(room, 's-all-3/withdraw', await room.server.token(ROOM, 'Brazil'))).status).toBe(200);
    suggestInsertion(br.doc, 'op', 1, ' four', 's-all-4');
    await recorded(['s-all-4']);

    const answer = await post(room, 'decide', room.chair, { action: 'reject' });
    expect(answer.status).toBe(200);
    const changed = (answer.body as { suggestions: SuggestionRecord[] }).suggestions;
    expect(changed.map((r) => r.id).sort()).toEqual(['s-all-1', 's-all-2', 's-all-4']);
    const records = await listSuggestions(room.server, ROOM, room.chair);
    expect(Object.fromEntries(records.map((r) => [r.id, r.status]))).toEqual({
      's-all-1': 'rejected',
      's-all-2': 'rejected',
      's-all-3': 'withdrawn',
      's-all-4': 'rejected',
    });
  });

  it('answers 404 suggestion_not_found and 409 suggestion_closed on each of accept, reject and withdraw', async () => {
    const france = await room.server.token(ROOM, 'France');
    const fr = await room.join(france);
    suggestInsertion(fr.doc, 'op', 0, ' closed', 's-closed');
    await recorded(['s-closed']);
    expect((await post(room, 's-closed/reject', room.chair)).status).toBe(200);
    const decided = (await listSuggestions(room.server, ROOM, france))[0];

    for (const [action, token] of [
      ['accept', room.chair],
      ['reject', room.chair],
      ['withdraw', france],
    ] as const) {
      const unknown = await post(room, `s-unknown/${action}`, token);
      expect([action, unknown.status, errorCode(unknown)]).toEqual([action, 404, 'suggestion_not_found']);
      const closed = await post(room, `s-closed/${action}`, token);
      expect([action, closed.status, errorCode(closed)]).toEqual([action, 409, 'suggestion_closed']);
    }
    // The refused calls changed nothing.
    expect(await listSuggestions(room.server, ROOM, france)).toEqual([decided]);
  });

  it("refuses a withdrawal by another delegation, the room's chair or the operator (403 not_author), and a delegate's accept or reject (403 chair_only)", async () => {
    const france = await room.server.token(ROOM, 'France');
    const operator = await room.server.token('*', 'Secretariat', 'chair');
    const fr = await room.join(france);
    suggestInsertion(fr.doc, 'op', 0, ' mine', 's-french');
    await recorded(['s-french']);

    for (const token of [await room.server.token(ROOM, 'Brazil'), room.chair, operator]) {
      const answer = await post(room, 's-french/withdraw', token);
      expect([answer.status, errorCode(answer)]).toEqual([403, 'not_author']);
    }
    for (const action of ['accept', 'reject']) {
      const answer = await post(room, `s-french/${action}`, france);
      expect([action, answer.status, errorCode(answer)]).toEqual([action, 403, 'chair_only']);
    }
    expect((await listSuggestions(room.server, ROOM, france))[0]?.status).toBe('open');
    expect(clauseYText(fr.doc, 'op', 0).toString()).toContain(' mine');
  });

  it('answers malformed suggestion operations over message 103 with an error reply, deciding nothing and keeping the socket open', async () => {
    const france = await room.server.token(ROOM, 'France');
    const fr = await room.join(france);
    suggestInsertion(fr.doc, 'op', 0, ' held', 's-held');
    await recorded(['s-held']);
    const chair = await openOperationSocket(room.server.wsUrl, ROOM, room.chair, 'operations');

    const malformed: [string, object][] = [
      ['suggestion-accept', { id: 'not an id!' }],
      ['suggestion-accept', { id: 7 }],
      ['suggestion-accept', {}],
      ['suggestion-reject', { id: 's-held', extra: true }],
      ['suggestion-withdraw', { id: 's-held', delegation: 'France' }],
      ['suggestion-approve', { id: 's-held' }],
      ['suggestions-decide', { action: 'approve' }],
      ['suggestions-decide', { action: 'accept', extra: 1 }],
      ['suggestions-decide', { action: 'accept', clauseId: 'not an id!' }],
    ];
    for (const [op, args] of malformed) {
      const reply = await chair.call(op, args);
      expect(reply.ok, `${op} ${JSON.stringify(args)}`).toBe(false);
      expect(chair.open).toBe(true);
    }
    expect((await listSuggestions(room.server, ROOM, france))[0]?.status).toBe('open');
    expect(clauseYText(fr.doc, 'op', 0).toString()).toContain(' held');
    // The socket still answers a well-formed operation.
    const accepted = await chair.call('suggestion-accept', { id: 's-held' });
    expect(accepted).toMatchObject({ ok: true, result: { suggestions: [{ id: 's-held', status: 'accepted' }] } });
    chair.socket.close();
  });
});

import { describe, expect, it } from 'vitest';
import { callApi, errorCode } from '../support/api.js';
import { useChairedRoom } from '../support/chaired-room.js';
import { issue, issued, listed } from '../support/revisions.js';
import { appendToClause } from '../support/y-draft.js';

const ROOM = 'revisions-rules';

describe('issuing revisions', () => {
  const room = useChairedRoom(ROOM);

  it('issues named revisions listed for everyone, each chained to the previous hash', async () => {
    const zero = await issue(room.server, ROOM, room.chair, { label: 'Zero draft', note: 'as circulated' });
    expect(zero.status).toBe(201);
    const first = (zero.body as { revision: { id: string; hash: string } }).revision;
    expect(first).toMatchObject({ id: 'rev-1', label: 'Zero draft', note: 'as circulated', prevHash: null });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    const rev1 = await issued(room.server, ROOM, room.chair, 'Rev.1');
    expect(rev1.prevHash).toBe(first.hash);
    const observer = await room.server.token(ROOM, 'Observer', 'observer');
    const all = await listed(room.server, ROOM, observer);
    expect(all.map((r) => [r.id, r.label, r.note])).toEqual([
      ['rev-1', 'Zero draft', 'as circulated'],
      ['rev-2', 'Rev.1', null],
    ]);
    expect(Object.keys(all[0] ?? {}).sort()).toEqual(
      ['hash', 'id', 'issuedAt', 'issuedBy', 'label', 'note', 'prevHash'].sort(),
    );
    expect(new Date(all[0]?.issuedAt ?? '').getTime()).toBeGreaterThan(0);
    const list = await callApi(room.server, 'GET', `rooms/${ROOM}/revisions`, observer);
    expect((list.body as { nextLabel: string }).nextLabel).toBe('Rev.2');
    // A free-text label is issued as given and leaves the suggestion at the next Rev.N.
    await issued(room.server, ROOM, room.chair, "Chair's text");
    const after = await callApi(room.server, 'GET', `rooms/${ROOM}/revisions`, observer);
    expect((after.body as { nextLabel: string }).nextLabel).toBe('Rev.2');
  });

  it('refuses a delegate or an observer issuing or restoring with 403', async () => {
    const delegate = await room.server.token(ROOM, 'France', 'delegate');
    const refused = await issue(room.server, ROOM, delegate, { label: 'Rev.1' });
    expect([refused.status, errorCode(refused)]).toEqual([403, 'chair_only']);
    const rev = await issued(room.server, ROOM, room.chair, 'Rev.1');
    const restore = await callApi(room.server, 'POST', `rooms/${ROOM}/revisions/${rev.id}/restore`, delegate);
    expect([restore.status, errorCode(restore)]).toEqual([403, 'chair_only']);
    expect(await listed(room.server, ROOM, delegate)).toHaveLength(1);
  });

  it('refuses empty, over-long and missing labels with 400 invalid_label', async () => {
    for (const body of [
      { label: '' },
      { label: '   ' },
      { label: 'x'.repeat(101) },
      {},
      { label: 7 },
      { label: 'a\nb' },
    ]) {
      const answer = await issue(room.server, ROOM, room.chair, body);
      expect([answer.status, errorCode(answer)], JSON.stringify(body)).toEqual([400, 'invalid_label']);
    }
    const extra = await issue(room.server, ROOM, room.chair, { label: 'Rev.1', hash: 'forged' });
    expect([extra.status, errorCode(extra)]).toEqual([400, 'invalid_request']);
    expect(await listed(room.server, ROOM, room.chair)).toEqual([]);
  });

  it('refuses a label already issued (case and spaces ignored) with 409 duplicate_label', async () => {
    await issued(room.server, ROOM, room.chair, 'Rev.1');
    const again = await issue(room.server, ROOM, room.chair, { label: '  rev.1 ' });
    expect([again.status, errorCode(again)]).toEqual([409, 'duplicate_label']);
    expect(await listed(room.server, ROOM, room.chair)).toHaveLength(1);
  });

  it('answers 404 revision_not_found for an unknown revision', async () => {
    for (const path of ['revisions/rev-9', 'compare?from=rev-9&to=live']) {
      const answer = await callApi(room.server, 'GET', `rooms/${ROOM}/${path}`, room.chair);
      expect([answer.status, errorCode(answer)], path).toEqual([404, 'revision_not_found']);
    }
    const restore = await callApi(room.server, 'POST', `rooms/${ROOM}/revisions/rev-9/restore`, room.chair);
    expect([restore.status, errorCode(restore)]).toEqual([404, 'revision_not_found']);
    const noFrom = await callApi(room.server, 'GET', `rooms/${ROOM}/compare`, room.chair);
    expect([noFrom.status, errorCode(noFrom)]).toEqual([400, 'invalid_request']);
  });

  it('cuts the revision from every stored write and keeps it unchanged by later edits', async () => {
    const france = await room.server.token(ROOM, 'France');
    const writer = await room.join(france);
    appendToClause(writer.doc, 'op', 0, ' before the cut');
    const rev = await issued(room.server, ROOM, room.chair, 'Rev.1');
    appendToClause(writer.doc, 'op', 0, ' after the cut');
    const read = await callApi(room.server, 'GET', `rooms/${ROOM}/revisions/${rev.id}`, france);
    expect(read.status).toBe(200);
    const text = JSON.stringify((read.body as { revision: { document: unknown } }).revision.document);
    expect(text).toContain('before the cut');
    expect(text).not.toContain('after the cut');
    await room.restart();
    const again = await callApi(room.server, 'GET', `rooms/${ROOM}/revisions/${rev.id}`, france);
    expect(again.body).toEqual(read.body);
  });

  it('deletes the revisions with the room', async () => {
    await issued(room.server, ROOM, room.chair, 'Rev.1');
    expect((await callApi(room.server, 'DELETE', `rooms/${ROOM}`, room.chair)).status).toBe(200);
    expect(await room.server.server.storage.listRevisions(ROOM)).toEqual([]);
  });
});

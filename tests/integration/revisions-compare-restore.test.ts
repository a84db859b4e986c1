import { DRAFT_FRAGMENT } from '@plenary/schema';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { callApi } from '../support/api.js';
import { useChairedRoom } from '../support/chaired-room.js';
import { waitFor, waitForAsync } from '../support/clients.js';
import { openOperationSocket } from '../support/operation-socket.js';
import { compared, issued } from '../support/revisions.js';
import { storedDocument } from '../support/stored.js';
import { appendToClause, clauseYText } from '../support/y-draft.js';

const ROOM = 'revisions-compare';

/** The operative paragraphs of a Y.Doc's draft. */
function ops(doc: Y.Doc): Y.XmlElement[] {
  return [
    ...doc.getXmlFragment(DRAFT_FRAGMENT).createTreeWalker((el) => el instanceof Y.XmlElement && el.nodeName === 'op'),
  ] as Y.XmlElement[];
}

describe('comparing and restoring revisions', () => {
  const room = useChairedRoom(ROOM);

  it('compares a revision with the live draft and with a later revision, clause by clause', async () => {
    // The chair moves a clause: a delegate may not write clause status, which a moved copy carries.
    const writer = await room.join(room.chair);
    const rev1 = await issued(room.server, ROOM, room.chair, 'Rev.1');
    appendToClause(writer.doc, 'op', 0, ' and urges restraint');
    const [first] = ops(writer.doc);
    // The second OP is deleted and a copy of it, with the same id, put at the end of its part: a move.
    const moved = ops(writer.doc)[1];
    const movedId = moved?.getAttribute('id');
    const parent = moved?.parent as Y.XmlElement;
    writer.doc.transact(() => {
      const copy = moved?.clone() as Y.XmlElement;
      const index = parent.toArray().indexOf(moved as Y.XmlElement);
      parent.delete(index, 1);
      parent.insert(parent.length, [copy]);
    });
    const brazil = await room.server.token(ROOM, 'Brazil', 'observer');
    const firstId = first?.getAttribute('id');
    await waitForAsync(
      async () => (await compared(room.server, ROOM, brazil, rev1.id)).some((c) => c.change === 'moved'),
      'the edits stored',
    );
    const live = await compared(room.server, ROOM, brazil, rev1.id);
    const changed = live.find((c) => c.clauseId === firstId);
    expect(changed?.change).toBe('changed');
    expect(changed?.text.filter((t) => t.change === 'ins').map((t) => t.text.trim())).toEqual(['and urges restraint']);
    const movedClause = live.find((c) => c.clauseId === movedId);
    expect(movedClause?.change).toBe('moved');
    expect(movedClause?.from).toBe('OP 2');
    expect(movedClause?.to).not.toBe('OP 2');
    const rev2 = await issued(room.server, ROOM, room.chair, 'Rev.2');
    const between = await callApi(room.server, 'GET', `rooms/${ROOM}/compare?from=${rev1.id}&to=${rev2.id}`, brazil);
    expect(between.status).toBe(200);
    const body = between.body as { from: { label: string }; to: { label: string }; clauses: unknown[] };
    expect([body.from.label, body.to.label]).toEqual(['Rev.1', 'Rev.2']);
    expect(body.clauses).toEqual(live);
  });

  it('restores a revision as a forward change every client sees, stored first, clause ids kept', async () => {
    const france = await room.server.token(ROOM, 'France');
    const writer = await room.join(france);
    const reader = await room.join(await room.server.token(ROOM, 'Chile'));
    const original = clauseYText(writer.doc, 'op', 0).toString();
    const ids = ops(writer.doc).map((op) => op.getAttribute('id'));
    const rev1 = await issued(room.server, ROOM, room.chair, 'Rev.1');
    appendToClause(writer.doc, 'op', 0, ' with new words');
    const last = ops(writer.doc).at(-1);
    last?.parent instanceof Y.XmlElement && last.parent.delete(last.parent.toArray().indexOf(last), 1);
    await waitFor(() => ops(reader.doc).length === ids.length - 1, 'the deletion reached another client');
    const before = (await room.server.server.storage.readUpdates(ROOM, 0, 1e6)).length;

    const restored = await callApi(room.server, 'POST', `rooms/${ROOM}/revisions/${rev1.id}/restore`, room.chair);
    expect(restored.status).toBe(200);
    expect((restored.body as { restored: { id: string } }).restored.id).toBe(rev1.id);
    for (const doc of [writer.doc, reader.doc]) {
      await waitFor(() => clauseYText(doc, 'op', 0).toString() === original, 'the restored text live');
      await waitFor(() => ops(doc).length === ids.length, 'the deleted clause back');
      expect(ops(doc).map((op) => op.getAttribute('id'))).toEqual(ids);
    }
    expect(clauseYText(await storedDocument(room.server, ROOM), 'op', 0).toString()).toBe(original);
    const log = await room.server.server.storage.readUpdates(ROOM, before, 1e6);
    expect(log.at(-1)?.delegation).toBe('Chair');
    expect((await compared(room.server, ROOM, room.chair, rev1.id)).every((c) => c.change === 'same')).toBe(true);
  });

  it('runs the revision operations over message 103', async () => {
    const chair = await openOperationSocket(room.server.wsUrl, ROOM, room.chair);
    const delegate = await openOperationSocket(room.server.wsUrl, ROOM, await room.server.token(ROOM, 'Peru'));
    try {
      const made = await chair.call('revision-issue', { label: 'Rev.1' });
      expect(made).toMatchObject({ ok: true, result: { revision: { id: 'rev-1', label: 'Rev.1' } } });
      expect(await delegate.call('revision-issue', { label: 'Rev.2' })).toMatchObject({
        ok: false,
        error: { code: 'chair_only', status: 403 },
      });
      expect(await chair.call('revision-issue', { label: 'Rev.1' })).toMatchObject({
        ok: false,
        error: { code: 'duplicate_label', status: 409 },
      });
      expect(await delegate.call('revisions')).toMatchObject({ ok: true, result: { revisions: [{ id: 'rev-1' }] } });
      expect(await delegate.call('revision', { id: 'rev-1' })).toMatchObject({
        ok: true,
        result: { revision: { label: 'Rev.1' } },
      });
      const compare = await delegate.call('revision-compare', { from: 'rev-1' });
      expect(compare.ok && (compare.result as { to: { id: string } }).to.id).toBe('live');
      expect(await delegate.call('revision-restore', { id: 'rev-1' })).toMatchObject({
        ok: false,
        error: { status: 403 },
      });
      expect(await chair.call('revision-restore', { id: 'rev-1' })).toMatchObject({
        ok: true,
        result: { clauses: [] },
      });
      expect(await chair.call('revision', { id: 'nope' })).toMatchObject({
        ok: false,
        error: { code: 'revision_not_found', status: 404 },
      });
    } finally {
      chair.socket.close();
      delegate.socket.close();
    }
  });
});

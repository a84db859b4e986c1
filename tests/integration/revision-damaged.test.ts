import { databaseFile, SqliteStorage } from '@plenary/server';
import { describe, expect, it } from 'vitest';
import { callApi, errorCode } from '../support/api.js';
import { useChairedRoom } from '../support/chaired-room.js';
import { issued, listed } from '../support/revisions.js';
import { appendToClause } from '../support/y-draft.js';

const ROOM = 'revision-damaged';

describe('a damaged stored revision', () => {
  const room = useChairedRoom(ROOM);

  /** Changes the stored row of revision `id` with `sql` (`?` is the room, then the id). */
  function damage(sql: string, id: string): void {
    const storage = new SqliteStorage({ file: databaseFile(room.server.dataDir) });
    try {
      storage.db.prepare(sql).run(ROOM, id);
    } finally {
      void storage.close();
    }
  }

  it('answers 503 revision_unavailable for that revision alone, the others stay readable', async () => {
    const writer = await room.join(room.chair);
    const rev1 = await issued(room.server, ROOM, room.chair, 'Rev.1');
    appendToClause(writer.doc, 'op', 0, ' amended');
    const rev2 = await issued(room.server, ROOM, room.chair, 'Rev.2');
    const rev3 = await issued(room.server, ROOM, room.chair, 'Rev.3');
    const rev4 = await issued(room.server, ROOM, room.chair, 'Rev.4');
    damage("UPDATE revisions SET state = x'00ff00ff' WHERE room = ? AND id = ?", rev1.id);
    damage("UPDATE revisions SET label = label || ' (edited)' WHERE room = ? AND id = ?", rev2.id);
    damage("UPDATE revisions SET numbers = 'not a numbering map' WHERE room = ? AND id = ?", rev4.id);
    for (const id of [rev1.id, rev2.id, rev4.id]) {
      const answer = await callApi(room.server, 'GET', `rooms/${ROOM}/revisions/${id}`, room.chair);
      expect([answer.status, errorCode(answer)], id).toEqual([503, 'revision_unavailable']);
      const compare = await callApi(room.server, 'GET', `rooms/${ROOM}/compare?from=${id}&to=live`, room.chair);
      expect(compare.status, id).toBe(503);
    }
    expect((await callApi(room.server, 'GET', `rooms/${ROOM}/revisions/${rev3.id}`, room.chair)).status).toBe(200);
    expect((await callApi(room.server, 'GET', `rooms/${ROOM}/compare?from=${rev3.id}`, room.chair)).status).toBe(200);
    expect((await listed(room.server, ROOM, room.chair)).map((r) => r.id)).toEqual([
      rev1.id,
      rev2.id,
      rev3.id,
      rev4.id,
    ]);
    const restore = await callApi(room.server, 'POST', `rooms/${ROOM}/revisions/${rev1.id}/restore`, room.chair);
    expect([restore.status, errorCode(restore)]).toEqual([503, 'revision_unavailable']);
  });
});

import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { callApi } from '../support/api.js';
import { useChairedRoom } from '../support/chaired-room.js';
import { waitForAsync } from '../support/clients.js';
import { clauseElement } from '../support/positions.js';
import { issued } from '../support/revisions.js';
import { appendToClause, clauseYText } from '../support/y-draft.js';

const ROOM = 'change-authors';

/** The author and text of every `w:ins`/`w:del` of a document.xml. */
function trackedChanges(document: string): { kind: string; author: string; text: string }[] {
  return [...document.matchAll(/<w:(ins|del) w:id="\d+" w:author="([^"]*)" w:date="[^"]*">([\s\S]*?)<\/w:\1>/g)].map(
    (m) => ({
      kind: m[1] ?? '',
      author: m[2] ?? '',
      text: [...(m[3] ?? '').matchAll(/<w:(?:t|delText)(?: [^>]*)?>([^<]*)</g)].map((t) => t[1] ?? '').join(''),
    }),
  );
}

describe('tracked changes signed from the provenance log', () => {
  const room = useChairedRoom(ROOM);

  async function changesDocx(query: string): Promise<string> {
    const response = await fetch(`${room.server.httpUrl}/api/rooms/${ROOM}/export?format=docx&mode=changes&${query}`, {
      headers: { authorization: `Bearer ${room.chair}` },
    });
    expect(response.status, query).toBe(200);
    const zip = await JSZip.loadAsync(await response.arrayBuffer());
    return (await zip.file('word/document.xml')?.async('string')) ?? '';
  }

  async function storedWith(words: string): Promise<void> {
    await waitForAsync(async () => {
      const response = await fetch(`${room.server.httpUrl}/api/rooms/${ROOM}/export?format=md`, {
        headers: { authorization: `Bearer ${room.chair}` },
      });
      return (await response.text()).includes(words);
    }, `"${words}" stored`);
  }

  it("signs a delegation's direct edit with the delegation, the chair's with Chair, never Plenary", async () => {
    const invited = await callApi(room.server, 'POST', `rooms/${ROOM}/invites`, room.chair, {
      delegation: 'France',
      role: 'delegate',
      name: 'Jean Dupont',
    });
    const france = await room.join((invited.body as { token: string }).token);
    const kenya = await room.join(await room.server.token(ROOM, 'Kenya'));
    const chair = await room.join(room.chair);

    appendToClause(kenya.doc, 'op', 0, ' without delay');
    await storedWith('without delay');
    const pp2 = clauseYText(france.doc, 'pp', 1);
    const at = pp2.toString().indexOf(', development');
    pp2.delete(at, ', development'.length);
    appendToClause(chair.doc, 'op', 1, ' Emphasizes cooperation.');
    await storedWith('Emphasizes');
    await waitForAsync(
      async () => !(await changesDocx('against=zero')).includes(', development</w:t>'),
      'the deletion stored',
    );

    const changes = trackedChanges(await changesDocx('against=zero'));
    expect(changes).toContainEqual({ kind: 'ins', author: 'Kenya', text: ' without delay' });
    expect(changes).toContainEqual(
      expect.objectContaining({
        kind: 'del',
        author: 'France (Jean Dupont)',
        text: expect.stringContaining('development'),
      }),
    );
    expect(changes).toContainEqual(
      expect.objectContaining({ kind: 'ins', author: 'Chair', text: expect.stringContaining('Emphasizes') }),
    );
    expect(changes.filter((c) => c.author === 'Plenary')).toEqual([]);
  });

  it('signs the changes since a revision with the delegations that made them after it', async () => {
    const kenya = await room.join(await room.server.token(ROOM, 'Kenya'));
    const brazil = await room.join(await room.server.token(ROOM, 'Brazil'));
    appendToClause(kenya.doc, 'op', 0, ' without delay');
    await storedWith('without delay');
    await issued(room.server, ROOM, room.chair, 'Rev.1');
    appendToClause(brazil.doc, 'op', 0, ' and in good faith');
    await storedWith('good faith');

    const changes = trackedChanges(await changesDocx('against=rev-1'));
    expect(changes.map((c) => [c.kind, c.author, c.text])).toEqual([['ins', 'Brazil', ' and in good faith']]);
    const since = trackedChanges(await changesDocx('against=zero'));
    expect(since).toContainEqual({ kind: 'ins', author: 'Kenya', text: ' without delay' });

    // Between two revisions: what came after the later one is not part of it.
    await issued(room.server, ROOM, room.chair, 'Rev.2');
    appendToClause(kenya.doc, 'op', 1, ' Notes progress.');
    await storedWith('Notes progress');
    const between = trackedChanges(await changesDocx('revision=rev-2&against=rev-1'));
    expect(between.map((c) => [c.kind, c.author, c.text])).toEqual([['ins', 'Brazil', ' and in good faith']]);
  });

  it('signs a clause a delegation moved with its move, as Word shows moves', async () => {
    const kenya = await room.join(await room.server.token(ROOM, 'Kenya'));
    kenya.doc.transact(() => {
      const clause = clauseElement(kenya.doc, 'op', 0);
      const parent = clause.parent as Y.XmlElement;
      const copy = clause.clone();
      const siblings = parent.toArray();
      parent.delete(siblings.indexOf(clause), 1);
      const section = [...parent.toArray()]
        .reverse()
        .find((c) => c instanceof Y.XmlElement && c.nodeName === 'section');
      if (!(section instanceof Y.XmlElement)) throw new Error('the template has no section');
      section.insert(section.length, [copy]);
    });
    await waitForAsync(
      async () => /<w:moveToRangeStart [^>]*w:author="Kenya"/.test(await changesDocx('against=zero')),
      'the move stored and signed',
    );
    const document = await changesDocx('against=zero');
    expect(document).toMatch(/<w:moveFromRangeStart w:id="\d+" w:author="Kenya" w:date="[^"]+" w:name="move1"\/>/);
    expect(document).toMatch(/<w:moveToRangeStart w:id="\d+" w:author="Kenya" w:date="[^"]+" w:name="move1"\/>/);
  });
});

import type { SuggestionRecord } from '@plenary/protocol';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { callApi } from '../support/api.js';
import { useChairedRoom } from '../support/chaired-room.js';
import { waitForAsync } from '../support/clients.js';
import { clauseElement } from '../support/positions.js';
import type { TestServer } from '../support/server.js';
import { listSuggestions, suggestDeletion, suggestInsertion } from '../support/suggestions.js';
import { clauseYText } from '../support/y-draft.js';

const ROOM = 'suggestion-exports';

/** A record's time as a Word tracked change writes it: to the second, UTC. */
function wordDate(record: SuggestionRecord | undefined): string {
  return `${new Date(record?.createdAt ?? Number.NaN).toISOString().slice(0, 19)}Z`;
}

async function exportText(server: TestServer, token: string, query: string): Promise<string> {
  const response = await fetch(`${server.httpUrl}/api/rooms/${ROOM}/export?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status, query).toBe(200);
  if (!query.includes('format=docx')) return response.text();
  const zip = await JSZip.loadAsync(await response.arrayBuffer());
  return (await zip.file('word/document.xml')?.async('string')) ?? '';
}

/** The author, date and text of every `w:ins`/`w:del` of a document.xml. */
function trackedChanges(document: string): { kind: string; author: string; date: string; text: string }[] {
  return [...document.matchAll(/<w:(ins|del) w:id="\d+" w:author="([^"]*)" w:date="([^"]*)">([\s\S]*?)<\/w:\1>/g)].map(
    (m) => ({
      kind: m[1] ?? '',
      author: m[2] ?? '',
      date: m[3] ?? '',
      text: [...(m[4] ?? '').matchAll(/<w:(?:t|delText)(?: [^>]*)?>([^<]*)</g)].map((t) => t[1] ?? '').join(''),
    }),
  );
}

describe('suggestions in exports through the server', () => {
  const room = useChairedRoom(ROOM);

  it("writes a delegate's suggestion made over the socket as a tracked change by its delegation", async () => {
    const invited = await callApi(room.server, 'POST', `rooms/${ROOM}/invites`, room.chair, {
      delegation: 'France',
      role: 'delegate',
      name: 'Jean Dupont',
    });
    expect(invited.status).toBe(201);
    const france = await room.join((invited.body as { token: string }).token);
    const brazil = await room.join(await room.server.token(ROOM, 'Brazil'));

    suggestInsertion(france.doc, 'op', 0, ' with appreciation', 's-fr');
    const pp2 = String((clauseYText(brazil.doc, 'pp', 1).toDelta() as { insert: string }[])[0]?.insert);
    suggestDeletion(brazil.doc, 'pp', 1, pp2.indexOf(', development'), ', development'.length, 's-br');
    await waitForAsync(async () => (await listSuggestions(room.server, ROOM, room.chair)).length === 2, 'both records');
    const records = await listSuggestions(room.server, ROOM, room.chair);
    const byId = (id: string) => records.find((r) => r.id === id);

    const changes = trackedChanges(await exportText(room.server, room.chair, 'format=docx&mode=changes&against=zero'));
    expect(changes).toContainEqual({
      kind: 'ins',
      author: 'France (Jean Dupont)',
      date: wordDate(byId('s-fr')),
      text: ' with appreciation',
    });
    expect(changes).toContainEqual({
      kind: 'del',
      author: 'Brazil',
      date: wordDate(byId('s-br')),
      text: ', development',
    });
    expect(changes.filter((c) => c.author === 'Plenary')).toEqual([]);

    const compilation = await exportText(room.server, room.chair, 'format=md&mode=compilation');
    expect(compilation).toContain('{++with appreciation++}{>>France<<}');
    expect(compilation).toContain('security{--, development--}{>>Brazil<<} and');
    const clean = await exportText(room.server, room.chair, 'format=md&mode=clean');
    expect(clean).not.toContain('with appreciation');
    expect(clean).toContain('security, development and');

    // Unloaded and read back from storage, the export names the same authors.
    await room.restart();
    const stored = trackedChanges(await exportText(room.server, room.chair, 'format=docx&mode=changes&against=zero'));
    expect(stored.map((c) => c.author).sort()).toEqual(['Brazil', 'France (Jean Dupont)']);
  });

  for (const frozen of [false, true])
    it(`writes no clause number as a tracked change when the chair added a clause before the others, numbering ${frozen ? 'frozen' : 'not frozen'}`, async () => {
      if (frozen) {
        const set = await callApi(room.server, 'PATCH', `rooms/${ROOM}/settings`, room.chair, {
          numberingFrozen: true,
        });
        expect(set.status).toBe(200);
      }
      const chair = await room.join(room.chair);
      chair.doc.transact(() => {
        const first = clauseElement(chair.doc, 'op', 0);
        const parent = first.parent as Y.XmlElement;
        const added = new Y.XmlElement('op');
        added.setAttribute('id', 'chair-op');
        const body = new Y.XmlElement('body');
        body.insert(0, [new Y.XmlText('Notes with concern the chair text;')]);
        added.insert(0, [body]);
        parent.insert(parent.toArray().indexOf(first), [added]);
      });
      const france = await room.join(await room.server.token(ROOM, 'France'));
      // OP 2 (OP 1 when frozen) gains words; OP 4 loses some.
      suggestInsertion(france.doc, 'op', 1, ' with appreciation', 's-num-ins');
      suggestDeletion(france.doc, 'op', 3, 0, 'Encourages'.length, 's-num-del');
      await waitForAsync(
        async () => (await listSuggestions(room.server, ROOM, room.chair)).length === 2,
        'both records',
      );

      const document = await exportText(room.server, room.chair, 'format=docx&mode=changes&against=zero');
      const changes = trackedChanges(document);
      expect(changes).toContainEqual(
        expect.objectContaining({ kind: 'ins', author: 'France', text: ' with appreciation' }),
      );
      expect(changes).toContainEqual(expect.objectContaining({ kind: 'del', author: 'France', text: 'Encourages' }));
      expect(
        changes
          .filter((c) => c.author === 'Chair')
          .map((c) => c.text)
          .join(''),
      ).toBe('Notes with concern the chair text;');
      // Every number is plain text before the clause's tab, and no change holds one.
      for (const change of changes) {
        expect(change.text).not.toMatch(/^\s*\d+(\s+(bis|ter))?\.?\s*$/);
        expect(change.text).not.toMatch(/\bbis\b/);
      }
      // Numbers are plain text before the clause's tab : none sits inside a change.
      const tracked = [...document.matchAll(/<w:(ins|del) [^>]*[^/]>([\s\S]*?)<\/w:\1>/g)].map((m) => m[2] ?? '');
      expect(tracked.filter((xml) => xml.includes('\t<')).map((xml) => xml.slice(0, 200))).toEqual([]);
      const numbers = [...document.matchAll(/<w:t(?: [^>]*)?>([^<]+)\t<\/w:t>/g)].map((m) => m[1]);
      expect(numbers.slice(0, 3)).toEqual(frozen ? ['0 bis.', '1.', '2.'] : ['1.', '2.', '3.']);
    });
});

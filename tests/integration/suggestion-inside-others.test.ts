import type { SuggestionRecord } from '@plenary/protocol';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { callApi } from '../support/api.js';
import { type ChairedRoom, useChairedRoom } from '../support/chaired-room.js';
import { type TestClient, waitFor, waitForAsync } from '../support/clients.js';
import { countStored, storedDocument } from '../support/stored.js';
import { listSuggestions, suggestDeletion, suggestInsertion, typeInClause } from '../support/suggestions.js';
import { clauseYText } from '../support/y-draft.js';

const ROOM = 'suggestion-inside-others';
const FRENCH_WORDS = ' and peaceful';

/** The clause's words, formatting left out. */
function wordsOf(doc: Y.Doc, kind: 'pp' | 'op', index: number): string {
  return (clauseYText(doc, kind, index).toDelta() as { insert: unknown }[])
    .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('');
}

/** What France has proposed before Brazil writes: an insertion at the end of OP 1, a deletion of PP 1's first words. */
interface Proposed {
  readonly france: string;
  readonly brazil: string;
  readonly fr: TestClient;
  /** France's records as they stood once both were stored. */
  readonly records: SuggestionRecord[];
  /** Where in OP 1's text France's insertion starts. */
  readonly insertionAt: number;
}

async function settled(room: ChairedRoom): Promise<void> {
  await (await room.server.server.rooms.peek(ROOM))?.whenSettled();
}

async function propose(room: ChairedRoom, mode: 'informal' | 'formal'): Promise<Proposed> {
  if (mode === 'formal') {
    const switched = await callApi(room.server, 'PATCH', `rooms/${ROOM}/settings`, room.chair, { mode });
    expect(switched.status).toBe(200);
  }
  const france = await room.server.token(ROOM, 'France', 'delegate', { person: 'p-fr' });
  const brazil = await room.server.token(ROOM, 'Brazil', 'delegate', { person: 'p-br' });
  const fr = await room.join(france);
  const insertionAt = clauseYText(fr.doc, 'op', 0).length;
  suggestInsertion(fr.doc, 'op', 0, FRENCH_WORDS, 's-fr-ins');
  suggestDeletion(fr.doc, 'pp', 0, 0, 10, 's-fr-del');
  await waitForAsync(async () => (await listSuggestions(room.server, ROOM, france)).length === 2, "France's records");
  await settled(room);
  return { france, brazil, fr, records: await listSuggestions(room.server, ROOM, france), insertionAt };
}

/** Runs `write` on a fresh connection of Brazil's and resolves once it is stored, failing if the server closed it. */
async function acceptedWrite(room: ChairedRoom, proposed: Proposed, write: (doc: Y.Doc) => void, seen: string) {
  const br = await room.join(proposed.brazil);
  let closed: number | null = null;
  void room.nextClose(br).then((code) => {
    closed = code;
  });
  const stored = await countStored(room.server, ROOM);
  write(br.doc);
  await waitFor(() => draftOf(proposed.fr.doc).includes(seen), 'the write reaches France');
  await settled(room);
  expect(closed).toBeNull();
  expect(await countStored(room.server, ROOM)).toBeGreaterThan(stored);
  return br;
}

/**
 * Runs `write` on a fresh connection of Brazil's and checks the server refused it with 4509: nothing
 * stored, the room's document (as storage and a newly joined client read it) and the records as before.
 */
async function refusedWrite(room: ChairedRoom, proposed: Proposed, write: (doc: Y.Doc) => void) {
  const br = await room.join(proposed.brazil);
  const stored = await countStored(room.server, ROOM);
  const before = draftOf(proposed.fr.doc);
  const closed = room.nextClose(br);
  write(br.doc);
  expect(await closed).toBe(4509);
  await settled(room);
  expect(await countStored(room.server, ROOM)).toBe(stored);
  expect(draftOf(await storedDocument(room.server, ROOM))).toBe(before);
  expect(draftOf((await room.join(room.chair)).doc)).toBe(before);
  expect(draftOf(proposed.fr.doc)).toBe(before);
  expect(await listSuggestions(room.server, ROOM, proposed.france)).toEqual(proposed.records);
}

/** The draft with its formatting, comparable as a string. */
function draftOf(doc: Y.Doc): string {
  return doc.getXmlFragment('draft').toString();
}

/** The format values `update` writes, as `key: id` strings (`key: null` for a format removed). */
function formatsWritten(update: Uint8Array): string[] {
  const written: string[] = [];
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentFormat)) continue;
    const value = struct.content.value as { id?: unknown } | null;
    written.push(`${struct.content.key}: ${value === null ? 'null' : String(value.id)}`);
  }
  return written;
}

describe.each(['informal', 'formal'] as const)("typing inside another delegation's suggestion (%s mode)", (mode) => {
  const room = useChairedRoom(ROOM);

  it("accepts Brazil's words typed inside France's open insertion, recorded as Brazil's, France's record unchanged", async () => {
    const proposed = await propose(room, mode);
    const inside = proposed.insertionAt + ' and'.length;
    const br = await acceptedWrite(
      room,
      proposed,
      (doc) => {
        typeInClause(doc, 'op', 0, inside, ' lasting', { insertion: { id: 's-br-ins' } });
        // Typing on extends Brazil's own suggestion.
        typeInClause(doc, 'op', 0, inside + ' lasting'.length, ',', { insertion: { id: 's-br-ins' } });
      },
      'lasting,',
    );
    expect(wordsOf(proposed.fr.doc, 'op', 0).endsWith(' and lasting, peaceful')).toBe(true);
    const records = await listSuggestions(room.server, ROOM, proposed.france);
    expect(records.find((r) => r.id === 's-br-ins')).toMatchObject({
      kind: 'insertion',
      delegation: 'Brazil',
      person: 'p-br',
      text: ' lasting,',
      status: 'open',
    });
    expect(records.find((r) => r.id === 's-fr-ins')).toEqual(proposed.records.find((r) => r.id === 's-fr-ins'));
    expect(records.find((r) => r.id === 's-fr-del')).toEqual(proposed.records.find((r) => r.id === 's-fr-del'));
    expect(br.provider.wsconnected).toBe(true);
  });

  it("accepts Brazil's words typed inside France's open deletion, recorded as Brazil's, France's record unchanged", async () => {
    const proposed = await propose(room, mode);
    const br = await acceptedWrite(
      room,
      proposed,
      (doc) => typeInClause(doc, 'pp', 0, 5, 'BRAZIL ', { insertion: { id: 's-br-in-del' } }),
      'BRAZIL',
    );
    const records = await listSuggestions(room.server, ROOM, proposed.france);
    expect(records.find((r) => r.id === 's-br-in-del')).toMatchObject({
      kind: 'insertion',
      delegation: 'Brazil',
      text: 'BRAZIL ',
      status: 'open',
    });
    expect(records.find((r) => r.id === 's-fr-del')).toEqual(proposed.records.find((r) => r.id === 's-fr-del'));
    expect(records.find((r) => r.id === 's-fr-ins')).toEqual(proposed.records.find((r) => r.id === 's-fr-ins'));
    // Brazil's words are its own insertion, not proposed for deletion by France.
    const delta = clauseYText(proposed.fr.doc, 'pp', 0).toDelta() as {
      insert: string;
      attributes?: Record<string, unknown>;
    }[];
    expect(delta.find((op) => op.insert.includes('BRAZIL'))?.attributes).toEqual({ insertion: { id: 's-br-in-del' } });
    expect(br.provider.wsconnected).toBe(true);
  });

  it("refuses widening France's insertion over words already in the draft (4509), storing nothing", async () => {
    const proposed = await propose(room, mode);
    await refusedWrite(room, proposed, (doc) =>
      clauseYText(doc, 'op', 1).format(0, 5, { insertion: { id: 's-fr-ins' } }),
    );
  });

  it("refuses widening France's deletion over words already in the draft (4509), storing nothing", async () => {
    const proposed = await propose(room, mode);
    await refusedWrite(room, proposed, (doc) =>
      clauseYText(doc, 'op', 1).format(0, 5, { deletion: { id: 's-fr-del' } }),
    );
  });

  it("refuses new words under France's insertion mark, inside it or elsewhere (4509), storing nothing", async () => {
    const proposed = await propose(room, mode);
    // Inside France's insertion with its formatting, Yjs writes no format at all: nothing names the id.
    await refusedWrite(room, proposed, (doc) =>
      clauseYText(doc, 'op', 0).insert(proposed.insertionAt + 4, ' forged', { insertion: { id: 's-fr-ins' } }),
    );
    await refusedWrite(room, proposed, (doc) =>
      clauseYText(doc, 'op', 1).insert(0, 'forged ', { insertion: { id: 's-fr-ins' } }),
    );
  });

  it("refuses stretching France's deletion by moving its end, which names no id (4509), storing nothing", async () => {
    const proposed = await propose(room, mode);
    const sent: Uint8Array[] = [];
    await refusedWrite(room, proposed, (doc) => {
      doc.on('update', (update: Uint8Array) => sent.push(update));
      // Formatting on from the deletion's end with its own value: Yjs deletes the end marker
      // and writes a new one (`deletion: null`) five characters on.
      clauseYText(doc, 'pp', 0).format(10, 5, { deletion: { id: 's-fr-del' } });
    });
    expect(sent.flatMap(formatsWritten)).toEqual(['deletion: null']);
  });
});

describe("typing directly inside another delegation's suggestion (informal mode)", () => {
  const room = useChairedRoom(ROOM);

  it("accepts plain words typed inside France's insertion: France's record unchanged, no record for Brazil", async () => {
    const proposed = await propose(room, 'informal');
    await acceptedWrite(
      room,
      proposed,
      (doc) => typeInClause(doc, 'op', 0, proposed.insertionAt + ' and'.length, ' plain'),
      'plain',
    );
    expect(await listSuggestions(room.server, ROOM, proposed.france)).toEqual(proposed.records);
    expect(wordsOf(proposed.fr.doc, 'op', 0).endsWith(' and plain peaceful')).toBe(true);
  });
});

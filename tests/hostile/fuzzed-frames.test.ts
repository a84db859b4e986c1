import { CloseCode } from '@plenary/protocol';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { waitFor } from '../support/clients.js';
import {
  awarenessFrame,
  countStored,
  type HostileRoom,
  LEGIT_TEXT,
  startHostileRoom,
  syncUpdateFrame,
  TARGET_ROOM,
} from '../support/hostile.js';
import { type Random, seededRandom } from '../support/random.js';
import { whenClosed } from '../support/raw-socket.js';

const SEEDS = [0x5eed_0001, 0x00c0_ffee];
const FRAMES = 3000;
const PARALLEL_SOCKETS = 12;

/** Codes a fuzzed socket may end with: our own normal close, or one of the documented refusals. */
const EXPECTED_CLOSES = new Set<number>([1000, CloseCode.malformed, CloseCode.tooLarge, CloseCode.refused]);

function syncFrame(subtype: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, subtype);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/**
 * Valid frames of every kind, made by docs that never saw the room: updates to text, XML (in
 * the draft fragment too, so the schema rules run), maps and deletions; merged step 2s; state
 * vectors; awareness states; awareness queries.
 */
function validCorpus(random: Random): Uint8Array[] {
  const frames: Uint8Array[] = [];
  for (let d = 0; d < 4; d++) {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const text = doc.getText('fuzz');
    for (let i = 0; i < 25; i++) {
      const op = random.int(5);
      if (op === 0 || text.length === 0) text.insert(random.int(text.length + 1), random.string(1 + random.int(12)));
      else if (op === 1) text.delete(random.int(text.length), 1 + random.int(3));
      else if (op === 2) text.format(0, Math.min(3, text.length), { bold: true });
      else if (op === 3) {
        const element = new Y.XmlElement(random.pick(['pp', 'op', 'subparagraph']));
        element.insert(0, [new Y.XmlText(random.string(8))]);
        doc.getXmlFragment(random.chance(0.5) ? 'draft' : 'fuzzxml').insert(0, [element]);
      } else doc.getMap('fuzzmap').set(random.string(3), { n: random.int(1000), s: random.string(5) });
    }
    for (const update of updates) frames.push(syncUpdateFrame(update));
    frames.push(syncFrame(1, Y.mergeUpdates(updates.slice(0, 1 + random.int(updates.length)))));
    frames.push(syncFrame(0, Y.encodeStateVector(doc)));
    frames.push(awarenessFrame(1000 + d, 1 + random.int(5), JSON.stringify({ user: { name: random.string(6) } })));
    doc.destroy();
  }
  frames.push(Uint8Array.of(3));
  return frames;
}

/** One hostile frame: a valid frame, or a valid frame bit-flipped, cut, spliced, padded or scribbled on. */
function mutate(random: Random, corpus: readonly Uint8Array[]): Uint8Array {
  const source = random.pick(corpus);
  const bytes = Uint8Array.from(source);
  switch (random.int(8)) {
    case 0:
      return bytes;
    case 1: {
      for (let i = 1 + random.int(4); i > 0; i--) {
        const at = random.int(bytes.length);
        bytes[at] = (bytes[at] ?? 0) ^ (1 << random.int(8));
      }
      return bytes;
    }
    case 2:
      return bytes.slice(0, random.int(bytes.length));
    case 3: {
      const other = random.pick(corpus);
      return Uint8Array.from([
        ...bytes.slice(0, random.int(bytes.length + 1)),
        ...other.slice(random.int(other.length)),
      ]);
    }
    case 4: {
      const at = random.int(bytes.length + 1);
      const junk = Array.from({ length: 1 + random.int(8) }, () =>
        random.pick([0x00, 0x7f, 0x80, 0xff, random.int(256)]),
      );
      return Uint8Array.from([...bytes.slice(0, at), ...junk, ...bytes.slice(at)]);
    }
    case 5: {
      for (let i = 1 + random.int(3); i > 0; i--) bytes[random.int(bytes.length)] = random.pick([0, 0x7f, 0x80, 0xff]);
      return bytes;
    }
    case 6: {
      const from = random.int(bytes.length);
      const to = from + random.int(bytes.length - from);
      return Uint8Array.from([...bytes.slice(0, to), ...bytes.slice(from, to), ...bytes.slice(to)]);
    }
    default:
      return Uint8Array.from({ length: random.int(64) }, () => random.int(256));
  }
}

describe('a fuzz of random and mutated frames', () => {
  let room: HostileRoom;
  beforeEach(async () => {
    room = await startHostileRoom();
  });
  afterEach(async () => {
    await room.close();
  });

  it.each(SEEDS)(
    `leaves exactly the legitimate content and a serving server (seed %i, ${FRAMES} frames)`,
    async (seed) => {
      const random = seededRandom(seed);
      const corpus = validCorpus(random);
      const batches: Uint8Array[][] = [];
      for (let sent = 0; sent < FRAMES; ) {
        const size = 1 + random.int(6);
        batches.push(Array.from({ length: size }, () => mutate(random, corpus)));
        sent += size;
      }

      const writer = await room.join(TARGET_ROOM, 'Brazil');
      const legit = writer.doc.getText('legit');
      const lines: string[] = [];
      const writeLegit = () => {
        const line = `line ${lines.length};`;
        lines.push(line);
        legit.insert(legit.length, line);
      };
      writeLegit();

      const closes = new Map<number, number>();
      let next = 0;
      const worker = async () => {
        while (next < batches.length) {
          const index = next++;
          const batch = batches[index] as Uint8Array[];
          if (index % 20 === 0) writeLegit();
          const socket = await room.attacker();
          const closed = whenClosed(socket);
          for (const frame of batch) {
            if (socket.readyState !== socket.OPEN) break;
            socket.send(frame, { binary: true });
          }
          if (socket.readyState === socket.OPEN) socket.close(1000);
          const { code } = await closed;
          closes.set(code, (closes.get(code) ?? 0) + 1);
        }
      };
      await Promise.all(Array.from({ length: PARALLEL_SOCKETS }, worker));
      writeLegit();

      const summary = Object.fromEntries(closes);
      expect(
        [...closes.keys()].filter((code) => !EXPECTED_CLOSES.has(code)),
        JSON.stringify(summary),
      ).toEqual([]);
      // The fuzz reached both the refusals and the accepted-write path.
      expect(closes.get(CloseCode.malformed) ?? 0, JSON.stringify(summary)).toBeGreaterThan(0);
      expect(closes.get(1000) ?? 0, JSON.stringify(summary)).toBeGreaterThan(0);

      const reference = room.reference.doc;
      const expected = lines.join('');
      await waitFor(() => reference.getText('legit').toString() === expected, 'legitimate lines reach the reference');
      await room.expectServing();

      // A fresh client gets what the reference was broadcast, nothing more and nothing less.
      const fresh = await room.join(TARGET_ROOM, 'Japan');
      await waitFor(
        () => Buffer.from(Y.encodeStateVector(fresh.doc)).equals(Buffer.from(Y.encodeStateVector(reference))),
        'fresh client and reference have the same state vector',
      );
      expect(Y.equalSnapshots(Y.snapshot(fresh.doc), Y.snapshot(reference))).toBe(true);
      expect(fresh.doc.store.pendingStructs).toBeNull();
      expect(fresh.doc.store.pendingDs).toBeNull();
      for (const doc of [fresh.doc, reference]) {
        expect(doc.getText('legit').toString()).toBe(expected);
        expect(doc.getText('t').toString()).toBe(LEGIT_TEXT);
      }

      // Storage holds exactly that document too.
      const stored = await room.server.server.storage.loadDocument(TARGET_ROOM);
      const fromStorage = new Y.Doc();
      for (const part of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) {
        Y.applyUpdate(fromStorage, part);
      }
      expect(Y.equalSnapshots(Y.snapshot(fromStorage), Y.snapshot(reference))).toBe(true);
      expect(fromStorage.getText('legit').toString()).toBe(expected);
      expect(await countStored(room.server, TARGET_ROOM)).toBeGreaterThan(lines.length);
    },
  );
});

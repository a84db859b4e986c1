import type { ExportEdit } from '@plenary/export';
import * as Y from 'yjs';
import { ClauseTextTracker } from './clause-texts.js';
import type { Storage, StoredUpdate } from './storage/storage.js';
import { personKey, personNames } from './suggestions/suggestion-export.js';

/** Updates read from the log per storage call. */
const PAGE = 500;

/** Where a compared version sits in the room's update log. */
export type LogPoint =
  /** After the first stored update: the template seed ("zero draft"). */
  | { readonly kind: 'zero' }
  /** After the first update that completes this encoded state (a revision's). */
  | { readonly kind: 'state'; readonly state: Uint8Array }
  /** After the last stored update: the current draft. */
  | { readonly kind: 'end' };

async function readLog(storage: Storage, room: string): Promise<StoredUpdate[]> {
  const all: StoredUpdate[] = [];
  for (;;) {
    const page = await storage.readUpdates(room, all[all.length - 1]?.seq ?? 0, PAGE);
    all.push(...page);
    if (page.length < PAGE) return all;
  }
}

function wordCounts(text: string | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of (text ?? '').split(/\s+/)) if (word) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/** The words `a` holds more often than `b`, once per extra occurrence. */
function extraWords(a: Map<string, number>, b: Map<string, number>): string[] {
  const out: string[] = [];
  for (const [word, n] of a) for (let i = b.get(word) ?? 0; i < n; i++) out.push(word);
  return out;
}

/** Whether `doc` holds every struct of the state vector `target`. */
function covers(doc: Y.Doc, target: Map<number, number>): boolean {
  for (const [client, clock] of target) if (Y.getState(doc.store, client) < clock) return false;
  return true;
}

/**
 * The edits of the room's provenance log between two versions (DESIGN §3: every stored update
 * carries its delegation, person and time): the log is replayed from the start, and from the
 * update where `from` is reached to the one where `to` is, each run of consecutive updates by one
 * author is one step; the words the step added to or took from each clause are that author's
 * edit of it, and a clause whose element was written anew under the same id was moved by it. The author is the delegation ("Chair" for the chair), with the person's name when
 * the room's invites give one: "France (Jean Dupont)". Reads the log only; the replay is freed.
 */
export async function provenanceEdits(
  storage: Storage,
  room: string,
  from: LogPoint,
  to: LogPoint,
): Promise<ExportEdit[]> {
  const [log, invites] = await Promise.all([readLog(storage, room), storage.listInvites(room, 0)]);
  const names = personNames(invites);
  const authorOf = (u: StoredUpdate): string => {
    const name = u.person === null ? undefined : names.get(personKey(u.delegation, u.person));
    return name ? `${u.delegation} (${name})` : u.delegation;
  };
  const target = (point: LogPoint): Map<number, number> | null =>
    point.kind === 'state' ? Y.decodeStateVector(Y.encodeStateVectorFromUpdate(point.state)) : null;
  const fromVector = target(from);
  const toVector = target(to);
  const doc = new Y.Doc();
  const edits: ExportEdit[] = [];
  try {
    let index = 0;
    const reached = (point: LogPoint, vector: Map<number, number> | null): boolean =>
      point.kind === 'zero' ? index >= 1 : point.kind === 'state' && vector ? covers(doc, vector) : false;
    while (index < log.length && !reached(from, fromVector)) Y.applyUpdate(doc, (log[index++] as StoredUpdate).update);
    // Only the clauses each step touched are compared (server/src/clause-texts.ts).
    const tracker = new ClauseTextTracker(doc);
    while (index < log.length && !reached(to, toVector)) {
      const author = authorOf(log[index] as StoredUpdate);
      let at = 0;
      while (index < log.length && authorOf(log[index] as StoredUpdate) === author && !reached(to, toVector)) {
        const update = log[index++] as StoredUpdate;
        Y.applyUpdate(doc, update.update);
        at = update.time;
      }
      for (const { clauseId, text, item } of tracker.take()) {
        if (item.before && item.after && item.before !== item.after)
          edits.push({ clauseId, kind: 'move', words: [], author, at });
        if (text.before === text.after) continue;
        const old = wordCounts(text.before);
        const now = wordCounts(text.after);
        const inserted = extraWords(now, old);
        const deleted = extraWords(old, now);
        if (inserted.length > 0) edits.push({ clauseId, kind: 'ins', words: inserted, author, at });
        if (deleted.length > 0) edits.push({ clauseId, kind: 'del', words: deleted, author, at });
      }
    }
  } finally {
    doc.destroy();
  }
  return edits;
}

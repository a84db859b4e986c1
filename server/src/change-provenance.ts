import type { ExportEdit } from '@plenary/export';
import { DRAFT_FRAGMENT, isClauseNodeName, readId } from '@plenary/schema';
import * as Y from 'yjs';
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

/** What a step compares of each clause: its own text and the Yjs item holding its element. */
interface ClauseState {
  readonly texts: Map<string, string>;
  /** A moved clause is deleted and inserted again (DESIGN §3): a new item under the same id. */
  readonly items: Map<string, string>;
}

/** The text of each clause of a draft (its own text, not its sub-paragraphs'), by clause id. */
function clauseTexts(doc: Y.Doc): ClauseState {
  const texts = new Map<string, string>();
  const items = new Map<string, string>();
  const visit = (node: Y.XmlElement | Y.XmlFragment, clause: string | null): void => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlElement) {
        const id = isClauseNodeName(child.nodeName) ? readId(child.getAttribute('id')) : null;
        const item = child._item?.id;
        if (id && item && !items.has(id)) items.set(id, `${item.client}:${item.clock}`);
        visit(child, id ?? clause);
      } else if (child instanceof Y.XmlText && clause) {
        // Formatting splits a text into pieces, not its words; separate texts are separate words.
        let text = `${texts.get(clause) ?? ''} `;
        for (const op of child.toDelta() as { insert?: unknown }[])
          if (typeof op.insert === 'string') text += op.insert;
        texts.set(clause, text);
      }
    }
  };
  visit(doc.getXmlFragment(DRAFT_FRAGMENT), null);
  return { texts, items };
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
    let before = clauseTexts(doc);
    while (index < log.length && !reached(to, toVector)) {
      const author = authorOf(log[index] as StoredUpdate);
      let at = 0;
      while (index < log.length && authorOf(log[index] as StoredUpdate) === author && !reached(to, toVector)) {
        const update = log[index++] as StoredUpdate;
        Y.applyUpdate(doc, update.update);
        at = update.time;
      }
      const after = clauseTexts(doc);
      for (const clauseId of new Set([...before.texts.keys(), ...after.texts.keys()])) {
        const was = before.items.get(clauseId);
        const is = after.items.get(clauseId);
        if (was && is && was !== is) edits.push({ clauseId, kind: 'move', words: [], author, at });
        if (before.texts.get(clauseId) === after.texts.get(clauseId)) continue;
        const old = wordCounts(before.texts.get(clauseId));
        const now = wordCounts(after.texts.get(clauseId));
        const inserted = extraWords(now, old);
        const deleted = extraWords(old, now);
        if (inserted.length > 0) edits.push({ clauseId, kind: 'ins', words: inserted, author, at });
        if (deleted.length > 0) edits.push({ clauseId, kind: 'del', words: deleted, author, at });
      }
      before = after;
    }
  } finally {
    doc.destroy();
  }
  return edits;
}

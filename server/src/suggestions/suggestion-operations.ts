import type { SuggestionRecord, SuggestionStatus } from '@plenary/protocol';
import { ID_PATTERN } from '@plenary/schema';
import type * as Y from 'yjs';
import { z } from 'zod';
import { requireChair } from '../chair-operations.js';
import { HttpError } from '../errors.js';
import { type LoadedRoom, withRoom } from '../room-task.js';
import type { RoomRegistry } from '../rooms.js';
import type { Storage } from '../storage/storage.js';
import type { Identity } from '../tokens.js';
import type { PlacedSpan } from './suggestion-book.js';

type Room = LoadedRoom;

/** What suggestion operations need: the registry for the live room, storage for an unloaded one. */
export interface SuggestionDeps {
  readonly storage: Storage;
  readonly rooms: RoomRegistry;
}

/** The arguments of accept, reject and withdraw: the mark id. */
export const SuggestionIdSchema = z.object({ id: z.string().regex(ID_PATTERN, 'not a suggestion id') }).strict();

/** The arguments of a decision on many: the action, optionally narrowed to a clause or a delegation. */
export const DecideSchema = z
  .object({
    action: z.enum(['accept', 'reject']),
    clauseId: z.string().regex(ID_PATTERN, 'not a clause id').optional(),
    delegation: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

/** What a decision does to one suggestion. */
export type SuggestionAction = 'accept' | 'reject' | 'withdraw';

const STATUS: Readonly<Record<SuggestionAction, Exclude<SuggestionStatus, 'open'>>> = {
  accept: 'accepted',
  reject: 'rejected',
  withdraw: 'withdrawn',
};

/**
 * Every suggestion record of `room`, oldest first: the live room's when it is loaded (its records
 * may be newer than storage by one flush), otherwise the stored ones. For the HTTP API and exports.
 */
export async function listRoomSuggestions(deps: SuggestionDeps, room: string): Promise<SuggestionRecord[]> {
  const loaded = await deps.rooms.peek(room);
  if (loaded) return loaded.suggestions.list();
  return deps.storage.listSuggestions(room);
}

/** Whether the action removes the text under the mark (else it removes the mark, keeping the text). */
function deletesText(record: SuggestionRecord, action: SuggestionAction): boolean {
  return record.kind === 'insertion' ? action !== 'accept' : action === 'accept';
}

/**
 * Applies decisions to the document in one transaction: marks removed first (offsets unchanged),
 * then the text to delete, merged per text and deleted from the end so earlier offsets hold.
 */
function applyDecisions(plan: readonly { record: SuggestionRecord; spans: PlacedSpan[]; cut: boolean }[]) {
  const cuts = new Map<Y.XmlText, { from: number; to: number }[]>();
  for (const { record, spans, cut } of plan) {
    for (const span of spans) {
      if (cut) {
        const list = cuts.get(span.target) ?? [];
        list.push({ from: span.offset, to: span.offset + span.length });
        cuts.set(span.target, list);
      } else {
        span.target.format(span.offset, span.length, { [record.kind]: null });
      }
    }
  }
  for (const [target, ranges] of cuts) {
    ranges.sort((a, b) => a.from - b.from);
    const merged: { from: number; to: number }[] = [];
    for (const range of ranges) {
      const last = merged[merged.length - 1];
      if (last && range.from <= last.to) last.to = Math.max(last.to, range.to);
      else merged.push({ ...range });
    }
    for (const range of merged.reverse()) target.delete(range.from, range.to - range.from);
  }
}

/**
 * Decides `records` of `loaded` with `action`: the server changes the document itself (accepting
 * an insertion or rejecting a deletion removes the mark; accepting a deletion or rejecting or
 * withdrawing an insertion deletes the text), stored under `by`'s provenance before anyone
 * receives it, then the records are marked decided, stored and pushed (106). Another open
 * suggestion left without a word in the document by the change is closed as rejected by `by`
 * (docs/PROTOCOL.md, HTTP API).
 */
async function decide(
  loaded: Room,
  identity: Identity,
  records: readonly SuggestionRecord[],
  action: SuggestionAction,
  by: string,
): Promise<SuggestionRecord[]> {
  if (records.length === 0) return [];
  const caught = await loaded.applyServerChange(
    `suggestion ${action}`,
    { delegation: by, person: identity.person, time: Date.now() },
    (doc) => {
      const plan = records.map((record) => ({
        record,
        spans: loaded.suggestions.spansIn(doc, record.id),
        cut: deletesText(record, action),
      }));
      const caught = suggestionsInCutTexts(loaded, doc, plan);
      applyDecisions(plan);
      return caught;
    },
  );
  const decided = records.map((record) => loaded.suggestions.decide(record.id, STATUS[action], by));
  // An open suggestion whose every word the change removed (an insertion inside an accepted
  // deletion, a deletion inside a rejected insertion) is closed with it: nothing is left to decide.
  for (const record of caught) {
    if (loaded.suggestions.spansIn(loaded.doc, record.id).length === 0)
      loaded.suggestions.decide(record.id, 'rejected', by);
  }
  await loaded.suggestions.settled();
  return decided;
}

/** The other open suggestions with marks in the texts of `doc` that `plan` deletes from. */
function suggestionsInCutTexts(
  loaded: Room,
  doc: Y.Doc,
  plan: readonly { record: SuggestionRecord; spans: PlacedSpan[]; cut: boolean }[],
): SuggestionRecord[] {
  const targets = new Set(plan.flatMap(({ spans, cut }) => (cut ? spans.map((span) => span.target) : [])));
  if (targets.size === 0) return [];
  const deciding = new Set(plan.map(({ record }) => record.id));
  return loaded.suggestions
    .list()
    .filter(
      (record) =>
        record.status === 'open' &&
        !deciding.has(record.id) &&
        loaded.suggestions.spansIn(doc, record.id).some((span) => targets.has(span.target)),
    );
}

/** The open record `id` of `loaded`: 404 `suggestion_not_found`, 409 `suggestion_closed`. */
function openRecord(loaded: Room, id: string): SuggestionRecord {
  const record = loaded.suggestions.get(id);
  if (!record) throw new HttpError(404, 'suggestion_not_found', 'suggestion not found');
  if (record.status !== 'open') {
    throw new HttpError(409, 'suggestion_closed', `the suggestion was already ${record.status}`);
  }
  return record;
}

/**
 * Accepts or rejects one suggestion (chair only: 403 `chair_only`), or withdraws it (its own
 * delegation only: 403 `not_author`). Resolves with the changed record once the document change
 * and the record are stored.
 */
export function decideSuggestion(
  deps: SuggestionDeps,
  identity: Identity,
  room: string,
  id: string,
  action: SuggestionAction,
): Promise<SuggestionRecord[]> {
  if (action !== 'withdraw') requireChair(identity, `${action} suggestions`);
  return withRoom(deps.rooms, room, async (loaded) => {
    const record = openRecord(loaded, id);
    if (action === 'withdraw' && record.delegation !== identity.delegation) {
      throw new HttpError(403, 'not_author', "only the suggestion's own delegation may withdraw it");
    }
    return decide(loaded, identity, [record], action, action === 'withdraw' ? record.delegation : 'Chair');
  });
}

/**
 * Accepts or rejects every open suggestion (chair only), or those in one clause and/or of one
 * delegation. A suggestion is in the clause when any of its marks sits there: a deletion
 * spanning two clauses is decided, as a whole, by a decision on either, though its record names
 * the first. Resolves with the changed records (none when nothing matched).
 */
export function decideSuggestions(
  deps: SuggestionDeps,
  identity: Identity,
  room: string,
  args: z.infer<typeof DecideSchema>,
): Promise<SuggestionRecord[]> {
  requireChair(identity, `${args.action} suggestions`);
  return withRoom(deps.rooms, room, async (loaded) => {
    const records = loaded.suggestions
      .list()
      .filter(
        (record) =>
          record.status === 'open' &&
          (args.clauseId === undefined ||
            record.clauseId === args.clauseId ||
            loaded.suggestions.touchesClause(loaded.doc, record.id, args.clauseId)) &&
          (args.delegation === undefined || record.delegation === args.delegation),
      );
    return decide(loaded, identity, records, args.action, 'Chair');
  });
}

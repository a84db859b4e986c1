import type { ClauseStatusRecord, PickRecord, StanceRecord } from '@plenary/protocol';
import {
  CLAUSE_STATUSES,
  clauseIdOf,
  DRAFT_FRAGMENT,
  docFromFragment,
  frozenNumbers,
  ID_PATTERN,
  type PositionsView,
  positionsView,
  readId,
} from '@plenary/schema';
import * as Y from 'yjs';
import { z } from 'zod';
import { requireChair } from '../chair-operations.js';
import { readCurrentDraft } from '../current-draft.js';
import { HttpError } from '../errors.js';
import { type LoadedRoom, withRoom as withLoadedRoom } from '../room-task.js';
import type { RoomRegistry } from '../rooms.js';
import type { Storage } from '../storage/storage.js';
import type { Identity } from '../tokens.js';
import { bracketSpans } from './bracket-spans.js';
import { findClauseElement, findElement } from './clause-locks.js';

/** What position operations need: the registry for the live room, storage for an unloaded one. */
export interface PositionDeps {
  readonly storage: Storage;
  readonly rooms: RoomRegistry;
}

const Id = z.string().regex(ID_PATTERN, 'not an id');

/** `PUT /stances/<id>` `{stance}`: the target from the path, the stance from the body. */
export const StanceSchema = z.object({ id: Id, stance: z.enum(['support', 'object']) }).strict();
/** `POST /clauses/<id>/status` `{status}`. */
export const ClauseStatusSchema = z.object({ id: Id, status: z.enum(CLAUSE_STATUSES) }).strict();
/** `POST /alternatives/<id>/pick` `{option}`. */
export const PickSchema = z.object({ id: Id, option: Id }).strict();
/** `DELETE /brackets/<id>`. */
export const BracketIdSchema = z.object({ id: Id }).strict();

/** The positions of `room` now (`GET /api/rooms/<room>/positions`): the live room's, or the stored draft's. */
export async function listRoomPositions(deps: PositionDeps, room: string): Promise<PositionsView> {
  const loaded = await deps.rooms.peek(room);
  const records = loaded ? loaded.positions.records() : await deps.storage.listPositions(room);
  return readCurrentDraft(deps.storage, deps.rooms, room, (doc) =>
    positionsView(docFromFragment(doc.getXmlFragment(DRAFT_FRAGMENT)), records),
  );
}

function provenance(identity: Identity) {
  return { delegation: 'Chair', person: identity.person, time: Date.now() };
}

/** The alternatives element `id` of the live draft, or null. */
function findAlternatives(doc: Y.Doc, id: string): Y.XmlElement | null {
  return findElement(
    doc.getXmlFragment(DRAFT_FRAGMENT),
    (element) => element.nodeName === 'alternatives' && readId(element.getAttribute('id')) === id,
  );
}

/** Whether `id` names an open bracket or an alternative in the live draft. */
function isPosition(loaded: LoadedRoom, id: string): boolean {
  if (bracketSpans(loaded.doc, id).length > 0) return true;
  return (
    findElement(
      loaded.doc.getXmlFragment(DRAFT_FRAGMENT),
      (element) => element.nodeName === 'alternative' && readId(element.getAttribute('id')) === id,
    ) !== null
  );
}

/**
 * Records `identity`'s delegation's stance on a bracket or alternative (one per delegation, a
 * later one replacing it). Delegates only (403 `delegates_only`); the target must be in the
 * draft (404 `position_not_found`) and not the delegation's own proposal (409 `own_proposal`).
 */
export function takeStance(
  deps: PositionDeps,
  identity: Identity,
  room: string,
  args: z.infer<typeof StanceSchema>,
): Promise<StanceRecord> {
  if (identity.role !== 'delegate') {
    throw new HttpError(403, 'delegates_only', 'only a delegation takes a stance');
  }
  return withLoadedRoom(deps.rooms, room, async (loaded) => {
    if (!isPosition(loaded, args.id)) throw new HttpError(404, 'position_not_found', 'no such bracket or alternative');
    if (loaded.positions.proposal(args.id)?.proposedBy === identity.delegation) {
      throw new HttpError(409, 'own_proposal', 'a delegation takes no stance on its own proposal');
    }
    const record: StanceRecord = {
      target: args.id,
      delegation: identity.delegation,
      stance: args.stance,
      at: Date.now(),
    };
    loaded.positions.setStance(record);
    await loaded.positions.settled();
    return record;
  });
}

/**
 * Sets a clause's status (chair only): the server writes the attribute into the document with
 * its own origin, stored before anyone receives it, and logs the change. 404 `clause_not_found`.
 */
export function setClauseStatus(
  deps: PositionDeps,
  identity: Identity,
  room: string,
  args: z.infer<typeof ClauseStatusSchema>,
): Promise<ClauseStatusRecord> {
  requireChair(identity, "set a clause's status");
  return withLoadedRoom(deps.rooms, room, async (loaded) => {
    await loaded.applyServerChange('clause status', provenance(identity), (doc) => {
      const element = findClauseElement(doc.getXmlFragment(DRAFT_FRAGMENT), args.id);
      if (!element) throw new HttpError(404, 'clause_not_found', 'no such clause');
      element.setAttribute('status', args.status);
    });
    const record = loaded.positions.logStatus(args.id, args.status, 'Chair');
    await loaded.positions.settled();
    return record;
  });
}

/**
 * Picks one alternative of a clause (chair only): the others are removed from the document,
 * the picked one stays where it is (so the clause keeps its id and the comments anchored in
 * its text), and the pick is recorded with the discarded texts. 404 `alternatives_not_found`
 * or `option_not_found`; 409 `already_picked` when one alternative is all that is left.
 */
export function pickAlternative(
  deps: PositionDeps,
  identity: Identity,
  room: string,
  args: z.infer<typeof PickSchema>,
): Promise<PickRecord> {
  requireChair(identity, 'pick an alternative');
  return withLoadedRoom(deps.rooms, room, async (loaded) => {
    const { clauseId, discarded } = await loaded.applyServerChange('alternative pick', provenance(identity), (doc) => {
      const group = findAlternatives(doc, args.id);
      if (!group) throw new HttpError(404, 'alternatives_not_found', 'no such alternatives');
      const options = group.toArray().filter((child): child is Y.XmlElement => child instanceof Y.XmlElement);
      const index = options.findIndex((option) => readId(option.getAttribute('id')) === args.option);
      if (index < 0) throw new HttpError(404, 'option_not_found', 'no such alternative in this clause');
      if (options.length === 1) throw new HttpError(409, 'already_picked', 'only this alternative is left');
      const discarded = options.flatMap((option, i) =>
        i === index
          ? []
          : [{ id: readId(option.getAttribute('id')) ?? '', label: `Alt ${i + 1}`, text: textOf(option) }],
      );
      // From the end, so that the earlier indexes hold.
      for (let i = options.length - 1; i >= 0; i--) if (i !== index) group.delete(i, 1);
      return { clauseId: clauseIdOf(group) ?? '', discarded };
    });
    const record: PickRecord = {
      id: args.id,
      clauseId,
      option: args.option,
      pickedBy: 'Chair',
      pickedAt: Date.now(),
      discarded,
    };
    loaded.positions.pick(record);
    const decided = { kind: 'option' as const, clauseId, groupId: args.id };
    loaded.positions.decide(args.option, decided, 'picked', 'Chair');
    for (const option of discarded) loaded.positions.decide(option.id, decided, 'discarded', 'Chair');
    await loaded.positions.settled();
    return record;
  });
}

/**
 * Removes a bracket (chair only): its text is agreed. The mark comes off the text in the
 * document, the text stays, and the removal is recorded. 404 `bracket_not_found`.
 */
export function removeBracket(
  deps: PositionDeps,
  identity: Identity,
  room: string,
  args: z.infer<typeof BracketIdSchema>,
): Promise<{ id: string; status: 'removed' }> {
  requireChair(identity, 'remove a bracket');
  return withLoadedRoom(deps.rooms, room, async (loaded) => {
    await loaded.applyServerChange('bracket removal', provenance(identity), (doc) => {
      const spans = bracketSpans(doc, args.id);
      if (spans.length === 0) throw new HttpError(404, 'bracket_not_found', 'no such bracket');
      for (const span of spans) span.target.format(span.offset, span.length, { [span.key]: null });
    });
    const clauseId = loaded.positions.proposal(args.id)?.clauseId ?? '';
    loaded.positions.decide(args.id, { kind: 'bracket', clauseId, groupId: null }, 'removed', 'Chair');
    await loaded.positions.settled();
    return { id: args.id, status: 'removed' };
  });
}

/**
 * Freezes the room's numbering at the clause numbers of the draft now (new clauses then become
 * "5 bis"), or unfreezes it. Called when the chair changes the `numberingFrozen` setting.
 */
export async function freezeNumbering(deps: PositionDeps, room: string, frozen: boolean): Promise<void> {
  const numbers = frozen
    ? await readCurrentDraft(deps.storage, deps.rooms, room, (doc) =>
        Object.fromEntries(frozenNumbers(docFromFragment(doc.getXmlFragment(DRAFT_FRAGMENT)))),
      )
    : null;
  const loaded = await deps.rooms.peek(room);
  if (loaded) {
    loaded.positions.setFrozen(numbers);
    await loaded.positions.settled();
  } else await deps.storage.putPositions(room, { frozen: numbers });
}

/** The words of an element's texts, in order. */
function textOf(element: Y.XmlElement): string {
  let text = '';
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert?: unknown }[]) if (typeof op.insert === 'string') text += op.insert;
    } else if (child instanceof Y.XmlElement) text += textOf(child);
  }
  return text;
}

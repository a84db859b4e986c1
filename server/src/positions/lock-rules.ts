import { DRAFT_FRAGMENT, isLockedStatus, readId, readStatus } from '@plenary/schema';
import * as Y from 'yjs';
import type { DecodedStructs } from '../draft-rules.js';
import { type DecodedDeletes, liveDeletedItems, rootOfPlace, type UpdatePlaces } from '../update-places.js';
import { rootKeyOf } from '../y-root.js';
import { holdsLockedClause, isClauseElement, lockingClause, statusWords } from './clause-locks.js';

/** The value of an attribute item (`ContentAny` holding one value), or undefined. */
function attributeValue(item: Y.Item): unknown {
  const content = item.content;
  return content instanceof Y.ContentAny ? content.arr[0] : undefined;
}

function lockedReason(element: Y.XmlElement): string {
  return `the clause is ${statusWords(element.getAttribute('status'))} and locked; only the chair may change it`;
}

/**
 * The status rules and clause locks for a write by anyone but the chair (see `docs/DESIGN.md`,
 * "status"), checked on the update before it is applied: a reason to refuse it, or null.
 *
 * - Clause status is the chair's: the write may not set `status` on a clause the document
 *   holds, nor bring in a clause with a status other than `proposed`, except a clause it moves
 *   (one it deletes in the same write with the same id and status) that is not locked.
 * - A locked clause (agreed or agreed ad ref, or inside one) takes no change: no text,
 *   formatting, attribute or node written into it, nothing of it deleted, and it is not moved
 *   or re-indented, since a move deletes it and writes it again. Clauses around it may move:
 *   numbers are computed, never stored.
 */
export function findLockViolation(
  doc: Y.Doc,
  structs: DecodedStructs,
  places: UpdatePlaces,
  deletes: DecodedDeletes,
): string | null {
  const deleted = liveDeletedItems(doc, deletes);
  /** Clause id → status of every clause element this write deletes (a move takes it along). */
  const movedAway = new Map<string, string>();
  for (const item of deleted) {
    const parent = item.parent;
    if (!(parent instanceof Y.AbstractType) || rootKeyOf(parent as Y.AbstractType<unknown>) !== DRAFT_FRAGMENT)
      continue;
    const locked = lockingClause(parent as Y.AbstractType<unknown>);
    if (locked) return lockedReason(locked);
    const content = item.content;
    if (content instanceof Y.ContentType && content.type instanceof Y.XmlElement) {
      const element = content.type;
      if (holdsLockedClause(element)) {
        return 'an agreed clause is locked; only the chair may move, indent or remove it';
      }
      if (isClauseElement(element)) {
        const id = readId(element.getAttribute('id'));
        if (id) movedAway.set(id, readStatus(element.getAttribute('status')));
      }
    }
  }
  /** New element item → its `id` and `status` attribute values, as the write brings them. */
  const newAttributes = new Map<Y.Item, { id?: unknown; status?: unknown }>();
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || !places.isNew(struct)) continue;
    const place = places.placeOf(struct);
    if (rootOfPlace(place) !== DRAFT_FRAGMENT) continue;
    const key = places.parentSubOf(struct);
    if (place.kind === 'type') {
      if (key === 'status' && isClauseElement(place.type)) {
        return "only the chair may change a clause's status";
      }
      const locked = lockingClause(place.type);
      if (locked) return lockedReason(locked);
    } else if (place.kind === 'new' && (key === 'status' || key === 'id')) {
      const attributes = newAttributes.get(place.parent) ?? {};
      attributes[key] = attributeValue(struct);
      newAttributes.set(place.parent, attributes);
    }
  }
  for (const attributes of newAttributes.values()) {
    if (attributes.status === undefined) continue;
    const status = readStatus(attributes.status);
    if (status === 'proposed') continue;
    const id = readId(attributes.id);
    const moved = id !== null && movedAway.get(id) === status && !isLockedStatus(status);
    if (!moved) return "only the chair may change a clause's status";
  }
  return null;
}

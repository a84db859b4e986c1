import { DRAFT_FRAGMENT, ID_NODE_NAMES, markNameOfKey, readId } from '@plenary/schema';
import * as Y from 'yjs';
import type { DecodedStructs } from '../draft-rules.js';
import { pendingBytes } from '../integrated-state.js';
import { type DecodedDeletes, liveDeletedItems, rootOfPlace, type UpdatePlaces } from '../update-places.js';
import { rootKeyOf } from '../y-root.js';
import { type TextRun, textRuns } from '../y-text-runs.js';
import { markIdOf } from './suggestion-marks.js';

export type { DecodedDeletes } from '../update-places.js';

/** Whether a mark id is the writing delegation's own (recorded for it, or new in this write). */
export type IsOwnMark = (id: string) => boolean;

/** The second half of a formal-mode check, run once the write is applied. */
export interface FormalCheck {
  /** A reason to refuse the applied write (the room must then reload), or null. */
  afterApply(): string | null;
}

/** What one old text item read before the write: its id range and the formatting at it. */
interface OldEntry {
  readonly clock: number;
  readonly length: number;
  readonly attributes: ReadonlyMap<string, unknown>;
}

function insertionOf(attributes: ReadonlyMap<string, unknown>): string | null {
  return markIdOf(attributes.get('insertion'));
}

function deletionOf(attributes: ReadonlyMap<string, unknown>): string | null {
  return markIdOf(attributes.get('deletion'));
}

/** The formatting other than suggestion marks and brackets, comparable as a string. */
function otherFormatting(attributes: ReadonlyMap<string, unknown>): string {
  const rest = [...attributes].filter(
    ([key]) => key !== 'insertion' && key !== 'deletion' && markNameOfKey(key) !== 'bracket',
  );
  rest.sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify(rest);
}

/** The bracket ids on a text item. */
function bracketIds(attributes: ReadonlyMap<string, unknown>): Set<string> {
  const ids = new Set<string>();
  for (const [key, value] of attributes) {
    const id = markNameOfKey(key) === 'bracket' ? markIdOf(value) : null;
    if (id) ids.add(id);
  }
  return ids;
}

/**
 * Brackets in formal mode: a delegate may bracket text (its own bracket, or one no other
 * delegation proposed), never unbracket it (that is the chair's, as the text is agreed).
 */
function bracketChange(
  was: ReadonlyMap<string, unknown>,
  now: ReadonlyMap<string, unknown>,
  mayBracket: IsOwnMark,
): string | null {
  const before = bracketIds(was);
  const after = bracketIds(now);
  for (const id of before) if (!after.has(id)) return 'a delegate may not remove a bracket; the chair does';
  for (const id of after) {
    if (!before.has(id) && !mayBracket(id)) return "a delegate may not extend another delegation's bracket";
  }
  return null;
}

/**
 * Formal mode (DESIGN §4, `settings.mode === "formal"`) for a delegate's write: it may only insert
 * text under its own insertion marks, add or remove its own deletion marks, delete text under
 * its own insertion marks, and bracket text (a bracket id `mayBracket` allows: new, or its own). Called before the write is applied with its decoded structs and delete
 * set; returns a refusal's reason, or the check to finish after applying.
 *
 * Before the apply the update itself shows what it creates and deletes: any new node, element
 * attribute or embed in the draft (structure), anything placed where the room cannot tell
 * (content it does not have), and deletions of nodes or of text not under the writer's own
 * insertion mark are refused here. Where inserted text lands, and what formatting it and the
 * existing text carry afterwards, depends on how Yjs integrates the items among concurrent ones:
 * that is read after the apply from the item lists of the texts the write touches, compared with
 * the same lists read before it (`y-text-runs.ts`). The caller undoes a write refused then by
 * reloading the room from storage; nothing of it is stored or broadcast.
 *
 * The one element attribute a delegate may write is the `id` of a clause, section or
 * alternative whose id is missing, malformed or shared with another element, set to a fresh
 * well-formed id: the editor's clause-id repair (`id-repair.ts` in `@plenary/schema`).
 */
export function prepareFormalCheck(
  doc: Y.Doc,
  structs: DecodedStructs,
  places: UpdatePlaces,
  deletes: DecodedDeletes,
  isOwn: IsOwnMark,
  mayBracket: IsOwnMark,
): FormalCheck | string {
  const before = places.before;
  const touched = new Set<Y.XmlText>();
  /** Elements whose clause id this write repairs: their old `id` may go. */
  const repaired = new Set<Y.XmlElement>();
  let idCounts: ReadonlyMap<string, number> | null = null;
  const counts = (): ReadonlyMap<string, number> => {
    if (idCounts === null) idCounts = draftIdCounts(doc);
    return idCounts;
  };
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (!places.isNew(struct)) continue;
    const place = places.placeOf(struct);
    const root = rootOfPlace(place);
    if (place.kind === 'unknown' || root === null) return 'the write refers to content the room does not have';
    if (root !== DRAFT_FRAGMENT) continue;
    if (place.kind !== 'type') return 'a delegate may not change the structure of the draft in formal mode';
    // An attribute set over an earlier value leaves its key out of the encoding: read it from there.
    const parentSub = places.parentSubOf(struct);
    if (parentSub !== null) {
      const target = place.type;
      if (parentSub !== 'id' || !(target instanceof Y.XmlElement) || !repairsId(struct, target, counts())) {
        return 'a delegate may not change the attributes of the draft in formal mode';
      }
      repaired.add(target);
      continue;
    }
    const content = struct.content;
    if (content instanceof Y.ContentType) return 'a delegate may not change the structure of the draft in formal mode';
    const isTextContent =
      content instanceof Y.ContentString || content instanceof Y.ContentFormat || content instanceof Y.ContentDeleted;
    if (!isTextContent || !(place.type instanceof Y.XmlText)) {
      return 'a delegate may only change the text of the draft in formal mode';
    }
    touched.add(place.type);
  }

  // Deletions: which existing items go, read before the write (their content is gone after).
  const deleted: Y.Item[] = [];
  for (const struct of liveDeletedItems(doc, deletes)) {
    const parent = struct.parent;
    if (!(parent instanceof Y.AbstractType)) continue;
    if (rootKeyOf(parent as Y.AbstractType<unknown>) !== DRAFT_FRAGMENT) continue;
    if (struct.parentSub === 'id' && parent instanceof Y.XmlElement && repaired.has(parent)) continue;
    if (struct.content instanceof Y.ContentType || struct.parentSub !== null || !(parent instanceof Y.XmlText)) {
      return 'a delegate may not remove parts of the draft in formal mode';
    }
    touched.add(parent);
    if (!(struct.content instanceof Y.ContentFormat)) deleted.push(struct);
  }

  const oldEntries = new Map<number, OldEntry[]>();
  const oldAttributes = new Map<Y.Item, ReadonlyMap<string, unknown>>();
  for (const text of touched) {
    for (const run of textRuns(text)) {
      if (!run.isText || run.item.deleted) continue;
      oldAttributes.set(run.item, run.attributes);
      const entries = oldEntries.get(run.item.id.client) ?? [];
      entries.push({ clock: run.item.id.clock, length: run.item.length, attributes: run.attributes });
      oldEntries.set(run.item.id.client, entries);
    }
  }
  for (const item of deleted) {
    const attributes = oldAttributes.get(item);
    const insertion = attributes ? insertionOf(attributes) : null;
    if (insertion === null || !isOwn(insertion)) {
      return 'a delegate may only delete text of its own suggestions in formal mode; propose a deletion instead';
    }
  }
  const pendingBefore = pendingBytes(doc);

  return {
    afterApply(): string | null {
      if (pendingBytes(doc) > pendingBefore) return 'the write depends on content the room does not have';
      for (const text of touched) {
        for (const run of textRuns(text)) {
          if (!run.isText || run.item.deleted) continue;
          const refusal = checkRun(run, before, oldEntries, isOwn, mayBracket);
          if (refusal) return refusal;
        }
      }
      return null;
    },
  };
}

/** Checks one visible text item after the write against what it was before. */
function checkRun(
  run: TextRun,
  before: ReadonlyMap<number, number>,
  oldEntries: ReadonlyMap<number, readonly OldEntry[]>,
  isOwn: IsOwnMark,
  mayBracket: IsOwnMark,
): string | null {
  const { client, clock } = run.item.id;
  const end = clock + run.item.length;
  const firstNew = before.get(client) ?? Number.POSITIVE_INFINITY;
  const attributes = run.attributes;
  const insertion = insertionOf(attributes);
  const deletion = deletionOf(attributes);
  if (end > firstNew) {
    if (insertion === null || !isOwn(insertion)) {
      return 'a delegate may only add text inside its own suggestions in formal mode';
    }
    // Another delegation's deletion on new text comes from the write landing inside a passage
    // proposed for deletion, concurrently: it falls with it. What another delegation's marks
    // cover is checked on every write (mark-coverage.ts).
  }
  if (clock >= firstNew) return null;
  const oldEnd = Math.min(end, firstNew);
  const overlapping = (oldEntries.get(client) ?? []).filter(
    (entry) => entry.clock < oldEnd && entry.clock + entry.length > clock,
  );
  if (overlapping.length === 0) return 'a delegate may not move text of the draft in formal mode';
  for (const entry of overlapping) {
    if (insertionOf(entry.attributes) !== insertion) {
      return 'a delegate may not change which suggestion text belongs to in formal mode';
    }
    if (otherFormatting(entry.attributes) !== otherFormatting(attributes)) {
      return 'a delegate may not change the formatting of the draft in formal mode';
    }
    const bracketing = bracketChange(entry.attributes, attributes, mayBracket);
    if (bracketing) return bracketing;
    const was = deletionOf(entry.attributes);
    if (was !== deletion && ((was !== null && !isOwn(was)) || (deletion !== null && !isOwn(deletion)))) {
      return 'a delegate may not change the suggestions of another delegation';
    }
  }
  return null;
}

/** How many elements of the draft carry each id. */
function draftIdCounts(doc: Y.Doc): Map<string, number> {
  const counts = new Map<string, number>();
  for (const node of doc.getXmlFragment(DRAFT_FRAGMENT).createTreeWalker((el) => el instanceof Y.XmlElement)) {
    const id = (node as Y.XmlElement).getAttribute('id');
    if (typeof id === 'string') counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/**
 * Whether `struct`, setting the `id` of `target`, does it as the clause-id repair does: on an element that
 * carries ids, whose id is missing, malformed or duplicated, to a well-formed id no element has
 * (or to the id it already has, as a peer's identical repair left it).
 */
function repairsId(struct: Y.Item, target: Y.XmlElement, counts: ReadonlyMap<string, number>): boolean {
  if (!ID_NODE_NAMES.includes(target.nodeName)) return false;
  const content = struct.content;
  const value: unknown = content instanceof Y.ContentAny && content.arr.length === 1 ? content.arr[0] : undefined;
  const next = readId(value);
  if (next === null) return false;
  const current = target.getAttribute('id');
  // Peers repair alike (`repairFragmentIds`): a repair arriving after another's writes the same id.
  if (next === current) return true;
  if (counts.has(next)) return false;
  return current === undefined || readId(current) === null || (counts.get(current) ?? 0) > 1;
}

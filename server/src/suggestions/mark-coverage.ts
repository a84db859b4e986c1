import { DRAFT_FRAGMENT } from '@plenary/schema';
import * as Y from 'yjs';
import type { DecodedStructs } from '../draft-rules.js';
import { pendingBytes } from '../integrated-state.js';
import { type DecodedDeletes, liveDeletedItems, type UpdatePlaces } from '../update-places.js';
import { rootKeyOf } from '../y-root.js';
import { textRuns } from '../y-text-runs.js';
import { isRemoved, markIdOf, textsUnder } from './suggestion-marks.js';

/** Whether a suggestion mark id belongs to a delegation other than the writer's (or to nobody). */
export type IsOthersMark = (id: string) => boolean;

/** The second half of the coverage check, run once the write is applied. */
export interface CoverageCheck {
  /** A reason to refuse the applied write (the room must then reload), or null; `changed` are the types it changed. */
  afterApply(changed: Iterable<object>): string | null;
}

/** One visible text item before the write: its id range and the suggestion marks over it. */
interface CoveredEntry {
  readonly clock: number;
  readonly length: number;
  readonly insertion: string | null;
  readonly deletion: string | null;
}

/** The refusals, in the words the server logs and closes with. */
export const COVERAGE_REFUSALS = {
  newUnderInsertion: "new text may not be written under another delegation's insertion",
  widened: "another delegation's suggestion may not be widened over text of the draft",
} as const;

/**
 * Which characters sit under another delegation's suggestion mark, compared before and after a
 * write (docs/THREAT_MODEL.md, "Suggestions"). Characters are told apart by Yjs item identity
 * (client and clock), so where a concurrent write lands does not matter. After the write:
 *
 * - a new character under another delegation's insertion is refused (the words would become
 *   that delegation's);
 * - a character already in the draft that comes under another delegation's mark (insertion or
 *   deletion) it was not under before is refused: the mark was widened, by a format naming its id
 *   or by moving the format that ended it, which names none;
 * - a new character under another delegation's deletion passes: text typed, concurrently, inside
 *   a passage proposed for deletion falls with it.
 *
 * A write that names another delegation's id over nothing new passes: Yjs writes the formatting in
 * effect back after text typed inside a suggestion, so typing inside another delegation's
 * suggestion names its id without changing what it covers.
 *
 * The texts the write touches are read before it is applied; when the write refers to content
 * the room does not have, or the room holds writes pending, every text of the draft is.
 */
export function prepareCoverageCheck(
  doc: Y.Doc,
  structs: DecodedStructs,
  places: UpdatePlaces,
  deletes: DecodedDeletes,
  isOthers: IsOthersMark,
): CoverageCheck {
  const touched = new Set<Y.XmlText>();
  let everywhere = pendingBytes(doc) > 0;
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || !places.isNew(struct)) continue;
    const place = places.placeOf(struct);
    if (place.kind === 'unknown') everywhere = true;
    else if (place.kind === 'type' && place.type instanceof Y.XmlText) touched.add(place.type);
  }
  for (const item of liveDeletedItems(doc, deletes)) {
    const parent = item.parent;
    if (parent instanceof Y.XmlText && rootKeyOf(parent as Y.AbstractType<unknown>) === DRAFT_FRAGMENT) {
      touched.add(parent);
    }
  }
  const texts = everywhere ? textsUnder(doc.getXmlFragment(DRAFT_FRAGMENT)) : touched;
  const entries = new Map<number, CoveredEntry[]>();
  for (const text of texts) {
    for (const run of textRuns(text)) {
      if (!run.isText || run.item.deleted) continue;
      const list = entries.get(run.item.id.client) ?? [];
      list.push({
        clock: run.item.id.clock,
        length: run.item.length,
        insertion: markIdOf(run.attributes.get('insertion')),
        deletion: markIdOf(run.attributes.get('deletion')),
      });
      entries.set(run.item.id.client, list);
    }
  }
  const before = places.before;
  return {
    afterApply(changed) {
      for (const type of changed) {
        if (!(type instanceof Y.XmlText) || isRemoved(type)) continue;
        if (rootKeyOf(type as Y.AbstractType<unknown>) !== DRAFT_FRAGMENT) continue;
        for (const run of textRuns(type)) {
          if (!run.isText || run.item.deleted) continue;
          const insertion = markIdOf(run.attributes.get('insertion'));
          const deletion = markIdOf(run.attributes.get('deletion'));
          const othersInsertion = insertion !== null && isOthers(insertion) ? insertion : null;
          const othersDeletion = deletion !== null && isOthers(deletion) ? deletion : null;
          if (othersInsertion === null && othersDeletion === null) continue;
          const { client, clock } = run.item.id;
          const end = clock + run.item.length;
          const firstNew = before.get(client) ?? Number.POSITIVE_INFINITY;
          if (end > firstNew && othersInsertion !== null) return COVERAGE_REFUSALS.newUnderInsertion;
          if (clock >= firstNew) continue;
          const oldEnd = Math.min(end, firstNew);
          let covered = 0;
          for (const entry of entries.get(client) ?? []) {
            const overlap = Math.min(oldEnd, entry.clock + entry.length) - Math.max(clock, entry.clock);
            if (overlap <= 0) continue;
            covered += overlap;
            if (othersInsertion !== null && entry.insertion !== othersInsertion) return COVERAGE_REFUSALS.widened;
            if (othersDeletion !== null && entry.deletion !== othersDeletion) return COVERAGE_REFUSALS.widened;
          }
          // Text the room did not read before the write cannot be shown to have been covered.
          if (covered < oldEnd - clock) return COVERAGE_REFUSALS.widened;
        }
      }
      return null;
    },
  };
}

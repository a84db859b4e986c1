import * as Y from 'yjs';
import type { DecodedStructs } from './draft-rules.js';
import { rootKeyOf } from './y-root.js';

/**
 * Where a struct of an update goes: under a type the document holds, inside a type the update
 * itself creates (with that type's root, when it can be told), or a root; `unknown` when the
 * document does not hold what the struct refers to.
 */
export type Place =
  | { readonly kind: 'type'; readonly type: Y.AbstractType<unknown> }
  | { readonly kind: 'new'; readonly root: string | null; readonly parent: Y.Item }
  | { readonly kind: 'root'; readonly root: string }
  | { readonly kind: 'unknown' };

/** The places of an update's structs, read against the document before the update is applied. */
export interface UpdatePlaces {
  /** Where `item` (a struct of the update) goes. */
  placeOf(item: Y.Item): Place;
  /** The struct of the update holding id `client:clock`, if any. */
  inUpdate(client: number, clock: number): Y.Item | undefined;
  /**
   * The map key `item` is written under (an element attribute's name), or null for list
   * content. The encoding leaves the key out when the item follows an earlier value of the same
   * key (its origin): it is read from that item then.
   */
  parentSubOf(item: Y.Item): string | null;
  /** Whether (part of) `item` is new to the document. */
  isNew(item: Y.Item): boolean;
  /** Each writing client's clock in the document before the update. */
  readonly before: ReadonlyMap<number, number>;
}

function idKey(client: number, clock: number): string {
  return `${client}:${clock}`;
}

/** The root key a place belongs to, or null when it cannot be told. */
export function rootOfPlace(place: Place): string | null {
  if (place.kind === 'root' || place.kind === 'new') return place.root;
  if (place.kind === 'type') return rootKeyOf(place.type);
  return null;
}

/**
 * Reads where the structs of an update go without applying it. An item's place is found from
 * its parent, or, when the encoding leaves the parent out, from its left or right origin; either
 * may be an item of the same update or of the live document.
 */
export function updatePlaces(doc: Y.Doc, structs: DecodedStructs): UpdatePlaces {
  const store = doc.store;
  const before = new Map<number, number>();
  const own = new Map<string, Y.Item>();
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const { client, clock } = struct.id;
    if (!before.has(client)) before.set(client, Y.getState(store, client));
    for (let i = 0; i < struct.length; i++) own.set(idKey(client, clock + i), struct);
  }
  const existing = (id: Y.ID): Y.Item | null => {
    if (Y.getState(store, id.client) <= id.clock) return null;
    const item = Y.getItem(store, id);
    return item instanceof Y.Item ? item : null;
  };
  const memo = new Map<Y.Item, Place>();
  const placeOf = (item: Y.Item, depth: number): Place => {
    const known = memo.get(item);
    if (known) return known;
    let place: Place = { kind: 'unknown' };
    if (depth < 10_000) {
      const parent = item.parent as unknown;
      if (typeof parent === 'string') place = { kind: 'root', root: parent };
      else if (parent instanceof Y.ID) {
        const mine = own.get(idKey(parent.client, parent.clock));
        const old = mine ? null : existing(parent);
        if (mine) place = { kind: 'new', root: rootOfPlace(placeOf(mine, depth + 1)), parent: mine };
        else if (old && old.content instanceof Y.ContentType) {
          place = { kind: 'type', type: old.content.type as Y.AbstractType<unknown> };
        }
      } else {
        const neighbour = item.origin ?? item.rightOrigin;
        if (neighbour) {
          const mine = own.get(idKey(neighbour.client, neighbour.clock));
          const old = mine ? null : existing(neighbour);
          if (mine) place = placeOf(mine, depth + 1);
          else if (old && old.parent instanceof Y.AbstractType) {
            place = { kind: 'type', type: old.parent as Y.AbstractType<unknown> };
          }
        }
      }
    }
    memo.set(item, place);
    return place;
  };
  const parentSubOf = (item: Y.Item, depth: number): string | null => {
    if (item.parentSub !== null || depth > 10_000) return item.parentSub;
    if (item.parent !== null) return null;
    const neighbour = item.origin ?? item.rightOrigin;
    if (!neighbour) return null;
    const mine = own.get(idKey(neighbour.client, neighbour.clock));
    if (mine) return parentSubOf(mine, depth + 1);
    return existing(neighbour)?.parentSub ?? null;
  };
  return {
    placeOf: (item) => placeOf(item, 0),
    parentSubOf: (item) => parentSubOf(item, 0),
    inUpdate: (client, clock) => own.get(idKey(client, clock)),
    isNew: (item) => item.id.clock + item.length > (before.get(item.id.client) ?? 0),
    before,
  };
}

/** The delete set of a decoded update (`Y.decodeUpdate(update).ds`). */
export type DecodedDeletes = ReturnType<typeof Y.decodeUpdate>['ds'];

/**
 * The items of the document an update's delete set removes that are still live before it is
 * applied (read then: their content is gone after). Items the document does not hold yet are
 * left out.
 */
export function liveDeletedItems(doc: Y.Doc, deletes: DecodedDeletes): Y.Item[] {
  const store = doc.store;
  const items: Y.Item[] = [];
  for (const [client, ranges] of deletes.clients) {
    for (const range of ranges) {
      let clock = range.clock;
      const end = Math.min(range.clock + range.len, Y.getState(store, client));
      while (clock < end) {
        const struct = Y.getItem(store, Y.createID(client, clock));
        clock = struct.id.clock + struct.length;
        if (struct instanceof Y.Item && !struct.deleted) items.push(struct);
      }
    }
  }
  return items;
}

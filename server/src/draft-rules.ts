import { DRAFT_FRAGMENT, MARK_NAMES, markNameOfKey, NODE_NAMES } from '@plenary/schema';
import * as Y from 'yjs';
import { rootKeyOf } from './y-root.js';

const NODE_NAME_SET: ReadonlySet<string> = new Set(NODE_NAMES);
const MARK_NAME_SET: ReadonlySet<string> = new Set(MARK_NAMES);

/** Where an item sits: the name of its root type, or null when that cannot be told. */
type RootName = string | null;

function idKey(id: Y.ID): string {
  return `${id.client}:${id.clock}`;
}

/** The structs of a decoded update (`Y.decodeUpdate(update).structs`). */
export type DecodedStructs = ReturnType<typeof Y.decodeUpdate>['structs'];

/**
 * Finds the first thing in an update (its decoded `structs`) that would put a node or mark name outside the schema into
 * the `draft` fragment (y-prosemirror would delete such content on every client). Other
 * top-level types are left alone. Returns a description of the violation, or null.
 *
 * The update is inspected as decoded by `Y.decodeUpdate`, never applied. An item's place is found from
 * its parent, or, when the encoding leaves the parent out, from its origin; either may be an
 * item of the same update or of the live document.
 */
export function findDraftViolation(doc: Y.Doc, structs: DecodedStructs): string | null {
  // Most writes name nothing outside the schema: only then is the place of an item looked up.
  const suspects = structs.filter((struct): struct is Y.Item => struct instanceof Y.Item && outsideSchema(struct));
  if (suspects.length === 0) return null;
  const inUpdate = new Map<string, Y.Item>();
  for (const struct of structs) {
    if (struct instanceof Y.Item) {
      for (let i = 0; i < struct.length; i++) inUpdate.set(`${struct.id.client}:${struct.id.clock + i}`, struct);
    }
  }
  const memo = new Map<Y.Item, RootName>();

  const rootOfId = (id: Y.ID, depth: number): RootName => {
    const own = inUpdate.get(idKey(id));
    if (own) return rootOfItem(own, depth + 1);
    const state = doc.store.clients.get(id.client);
    if (!state || Y.getState(doc.store, id.client) <= id.clock) return null;
    const existing = Y.getItem(doc.store, id);
    if (!(existing instanceof Y.Item)) return null;
    // The item whose content is a type is the parent of what is inside it.
    return rootKeyOf(existing.parent as Y.AbstractType<unknown>);
  };

  const rootOfParentId = (id: Y.ID, depth: number): RootName => {
    const own = inUpdate.get(idKey(id));
    if (own) return rootOfItem(own, depth + 1);
    if (Y.getState(doc.store, id.client) <= id.clock) return null;
    const existing = Y.getItem(doc.store, id);
    if (!(existing instanceof Y.Item)) return null;
    const content = existing.content;
    if (content instanceof Y.ContentType) return rootKeyOf(content.type as Y.AbstractType<unknown>);
    return null;
  };

  function rootOfItem(item: Y.Item, depth: number): RootName {
    if (depth > 10_000) return null;
    const known = memo.get(item);
    if (known !== undefined) return known;
    let root: RootName = null;
    const parent = item.parent as unknown;
    if (typeof parent === 'string') root = parent;
    else if (parent instanceof Y.ID) root = rootOfParentId(parent, depth);
    else if (item.origin) root = rootOfId(item.origin, depth);
    else if (item.rightOrigin) root = rootOfId(item.rightOrigin, depth);
    memo.set(item, root);
    return root;
  }

  for (const struct of suspects) {
    const root = rootOfItem(struct, 0);
    // An item whose place cannot be told yet (its parent is still missing) is treated as draft
    // content: y-prosemirror would see it once the parent arrives.
    if (root === DRAFT_FRAGMENT || root === null) return describe(struct);
  }
  return null;
}

/** The node or mark name `item` brings in, if it is one (`ychange` is change tracking, not a mark). */
function nameOf(item: Y.Item): { readonly name: string; readonly kind: 'node' | 'mark' } | null {
  const content = item.content;
  if (content instanceof Y.ContentType && content.type instanceof Y.XmlElement) {
    return { name: content.type.nodeName, kind: 'node' };
  }
  if (content instanceof Y.ContentFormat && content.key !== 'ychange') {
    return { name: markNameOfKey(content.key), kind: 'mark' };
  }
  return null;
}

/** Whether `item` brings in a node or mark name that the draft schema does not have. */
function outsideSchema(item: Y.Item): boolean {
  const named = nameOf(item);
  if (!named) return false;
  return named.kind === 'node' ? !NODE_NAME_SET.has(named.name) : !MARK_NAME_SET.has(named.name);
}

function describe(item: Y.Item): string {
  const named = nameOf(item) as { readonly name: string; readonly kind: 'node' | 'mark' };
  return `${named.kind} "${named.name.slice(0, 40)}" is not in the draft schema`;
}

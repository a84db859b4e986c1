import type { Node as PMNode } from 'prosemirror-model';
import type { EditorState } from 'prosemirror-state';
import { ySyncPluginKey } from 'y-prosemirror';
import * as Y from 'yjs';
import { decideIdRepairs, ID_NODE_NAMES, type IdCandidate, type IdRepair, type OrderKey } from './id-repair.js';
import { readId } from './ids.js';

/**
 * The sort key of a shared type's Yjs item: client id then clock, zero-padded so that string
 * order is numeric order. `undefined` for types not (yet) integrated in a document.
 */
export function yItemKey(type: YTypeLike): string | undefined {
  const item = type._item;
  if (!item) return undefined;
  return `${String(item.id.client).padStart(16, '0')}:${String(item.id.clock).padStart(16, '0')}`;
}

/** Any Yjs shared type (only its item is read). */
export interface YTypeLike {
  readonly _item: Y.Item | null;
}

/** The Y type ↔ ProseMirror mapping y-prosemirror keeps (`binding.mapping`). */
export type ProsemirrorMapping = ReadonlyMap<YTypeLike, PMNode | PMNode[]>;

/**
 * An {@link OrderKey} from a y-prosemirror mapping: the node at a position is looked up by
 * identity among the mapped nodes. Nodes created by a local transaction that has not reached
 * Yjs yet are not in the mapping and get no key, so they lose to copies that exist in Yjs
 * (a pasted or split-off clause gets the new id).
 */
export function mappingOrderKey(mapping: ProsemirrorMapping): OrderKey {
  const keys = new Map<PMNode, string>();
  for (const [type, node] of mapping) {
    if (Array.isArray(node)) continue;
    const key = yItemKey(type);
    if (key !== undefined) keys.set(node, key);
  }
  return (_pos, node) => keys.get(node);
}

interface SyncPluginState {
  readonly binding?: { readonly mapping: ProsemirrorMapping } | null;
  readonly isChangeOrigin?: boolean;
}

/** The y-prosemirror sync plugin state of an editor state, if the plugin is installed. */
export function syncPluginState(state: EditorState): SyncPluginState | undefined {
  return ySyncPluginKey.getState(state) as SyncPluginState | undefined;
}

/** An {@link OrderKey} from the editor's y-prosemirror binding, or `undefined` without one. */
export function bindingOrderKey(state: EditorState): OrderKey | undefined {
  const binding = syncPluginState(state)?.binding;
  return binding ? mappingOrderKey(binding.mapping) : undefined;
}

/**
 * Finds the id repairs the draft fragment needs, reading the Yjs tree directly (every element
 * is keyed by its item, so the decision is exact and the same on every peer). Read-only.
 */
export function findFragmentIdRepairs(fragment: Y.XmlFragment): IdRepair<Y.XmlElement>[] {
  const candidates: IdCandidate<Y.XmlElement>[] = [];
  const stack: Y.XmlElement[] = [];
  const pushChildren = (parent: Y.XmlFragment | Y.XmlElement) => {
    const children = parent.toArray();
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child instanceof Y.XmlElement) stack.push(child);
    }
  };
  pushChildren(fragment);
  while (stack.length > 0) {
    const el = stack.pop();
    if (!el) break;
    if (ID_NODE_NAMES.includes(el.nodeName)) {
      candidates.push({ id: readId(el.getAttribute('id')), key: yItemKey(el), ref: el });
    }
    pushChildren(el);
  }
  return decideIdRepairs(candidates);
}

/**
 * Repairs duplicate and missing ids directly in the Y.XmlFragment, in one transaction with
 * `origin`. Meant for a client's own (local) repair after remote changes arrive: the new ids
 * are derived from item ids, so peers repairing concurrently write identical values. Servers
 * must not call it on a live room. Returns the number of ids changed.
 */
export function repairFragmentIds(fragment: Y.XmlFragment, origin: unknown = null): number {
  const repairs = findFragmentIdRepairs(fragment);
  if (repairs.length === 0) return 0;
  const apply = () => {
    for (const repair of repairs) repair.ref.setAttribute('id', repair.newId);
  };
  if (fragment.doc) fragment.doc.transact(apply, origin);
  else apply();
  return repairs.length;
}

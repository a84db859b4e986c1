import type { Node as PMNode } from 'prosemirror-model';
import type { EditorState, Transaction } from 'prosemirror-state';
import type { Transform } from 'prosemirror-transform';
import { derivedId, newId, readId } from './ids.js';
import { CLAUSE_NODE_NAMES } from './schema.js';

/** Node names whose `id` must be present and unique within a draft. */
export const ID_NODE_NAMES: readonly string[] = [...CLAUSE_NODE_NAMES, 'section', 'alternatives', 'alternative'];

/** One node competing for its id. */
export interface IdCandidate<T> {
  /** The stored id if well-formed, else `null`. */
  readonly id: string | null;
  /** Sort key of the node's Yjs item (see `yItemKey`); `undefined` when not known. */
  readonly key: string | undefined;
  readonly ref: T;
}

/** A decision: give `ref` the id `newId` instead of `oldId`. */
export interface IdRepair<T> {
  readonly ref: T;
  readonly oldId: string | null;
  readonly newId: string;
  readonly reason: 'duplicate' | 'missing';
}

/** Options shared by the repair functions. */
export interface IdRepairOptions {
  /** Generates an id for a node without an order key; defaults to a random {@link newId}. */
  readonly generateId?: () => string;
}

/**
 * Decides which nodes must change id, a pure function of the candidates (given in document
 * order). Among nodes sharing an id, the one with the smallest order key keeps it; nodes
 * without a key come after keyed ones, in document order (so without keys the first occurrence
 * wins). Losers and nodes without a valid id get a new id: derived from their key when they
 * have one, so that peers repairing independently agree, else from `generateId`. New ids never
 * collide with an id in use.
 */
export function decideIdRepairs<T>(
  candidates: readonly IdCandidate<T>[],
  options: IdRepairOptions = {},
): IdRepair<T>[] {
  const generate = options.generateId ?? (() => newId());
  const used = new Set<string>();
  const groups = new Map<string, number[]>();
  candidates.forEach((c, i) => {
    if (c.id === null) return;
    used.add(c.id);
    const group = groups.get(c.id) ?? [];
    group.push(i);
    groups.set(c.id, group);
  });
  const losers = new Map<number, 'duplicate' | 'missing'>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const ranked = [...group].sort((a, b) => compareKeys(candidates[a]?.key, candidates[b]?.key) || a - b);
    for (const index of ranked.slice(1)) losers.set(index, 'duplicate');
  }
  candidates.forEach((c, i) => {
    if (c.id === null) losers.set(i, 'missing');
  });
  const repairs: IdRepair<T>[] = [];
  for (const [index, reason] of [...losers].sort((a, b) => a[0] - b[0])) {
    const candidate = candidates[index] as IdCandidate<T>;
    const fresh = uniqueId(candidate, used, generate);
    used.add(fresh);
    repairs.push({ ref: candidate.ref, oldId: candidate.id, newId: fresh, reason });
  }
  return repairs;
}

function compareKeys(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}

function uniqueId<T>(candidate: IdCandidate<T>, used: ReadonlySet<string>, generate: () => string): string {
  for (let salt = 0; salt < 100; salt++) {
    const id =
      candidate.key === undefined
        ? readId(generate())
        : derivedId(candidate.id ?? 'missing', salt === 0 ? candidate.key : `${candidate.key}#${salt}`);
    if (id !== null && !used.has(id)) return id;
  }
  return newId();
}

/** Gives the order key of the node at `pos` in the document being repaired, if known. */
export type OrderKey = (pos: number, node: PMNode) => string | undefined;

/** Options of {@link findIdRepairs}. */
export interface FindIdRepairsOptions extends IdRepairOptions {
  /** Order keys from the Yjs binding (see `bindingOrderKey`); without it document order decides. */
  readonly orderKey?: OrderKey | undefined;
}

/**
 * Finds the id repairs a ProseMirror document needs (duplicates and missing or malformed ids
 * on clauses, sections, alternatives), with refs being node positions. Pure: apply the result
 * with {@link applyIdRepairs}.
 */
export function findIdRepairs(doc: PMNode, options: FindIdRepairsOptions = {}): IdRepair<number>[] {
  const candidates: IdCandidate<number>[] = [];
  doc.descendants((node, pos) => {
    if (ID_NODE_NAMES.includes(node.type.name)) {
      candidates.push({ id: readId(node.attrs.id), key: options.orderKey?.(pos, node), ref: pos });
    }
    return node.type.name !== 'body' && node.type.name !== 'heading' && node.type.name !== 'paragraph';
  });
  return decideIdRepairs(candidates, options);
}

/** Applies repairs found on `tr.doc` as attribute steps (which do not move positions). */
export function applyIdRepairs<T extends Transform>(tr: T, repairs: readonly IdRepair<number>[]): T {
  for (const repair of repairs) tr.setNodeAttribute(repair.ref, 'id', repair.newId);
  return tr;
}

/** A transaction repairing the ids of `state.doc`, or `null` when nothing needs repair. */
export function idRepairTransaction(state: EditorState, options: FindIdRepairsOptions = {}): Transaction | null {
  const repairs = findIdRepairs(state.doc, options);
  return repairs.length === 0 ? null : applyIdRepairs(state.tr, repairs);
}

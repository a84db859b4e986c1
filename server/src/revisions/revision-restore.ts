import * as Y from 'yjs';

/** One child of an element or fragment: a nested element or a text. */
type Child = Y.XmlElement | Y.XmlText;

/** A character of a text with its formatting, for finding the changed middle of two texts. */
interface Glyph {
  readonly text: string;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly key: string;
}

function glyphs(text: Y.XmlText): Glyph[] {
  const out: Glyph[] = [];
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof op.insert !== 'string') continue;
    const attributes = op.attributes ?? {};
    const key = JSON.stringify(Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b)));
    for (const ch of op.insert) out.push({ text: ch, attributes, key });
  }
  return out;
}

function sameGlyph(a: Glyph | undefined, b: Glyph | undefined): boolean {
  return a !== undefined && b !== undefined && a.text === b.text && a.key === b.key;
}

/**
 * Makes `live` read as `target` with the fewest changes: the common start and end (same
 * characters, same formatting) are kept, so relative positions into them (comment anchors)
 * survive; only the middle is deleted and re-inserted with the target's formatting.
 */
function restoreText(live: Y.XmlText, target: Y.XmlText): boolean {
  const a = glyphs(live);
  const b = glyphs(target);
  let start = 0;
  while (start < a.length && start < b.length && sameGlyph(a[start], b[start])) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && sameGlyph(a[a.length - 1 - end], b[b.length - 1 - end]))
    end++;
  // Offsets are in UTF-16 units, as Yjs counts them.
  const offset = a.slice(0, start).reduce((n, g) => n + g.text.length, 0);
  const removed = a.slice(start, a.length - end).reduce((n, g) => n + g.text.length, 0);
  const inserted = b.slice(start, b.length - end);
  if (removed === 0 && inserted.length === 0) return false;
  if (removed > 0) live.delete(offset, removed);
  let at = offset;
  for (const glyph of inserted) {
    // Explicit attributes: the inserted text gets exactly the target's formatting, not its neighbour's.
    live.insert(at, glyph.text, { ...glyph.attributes });
    at += glyph.text.length;
  }
  return true;
}

/** How children are matched: an element by its name and `id`, otherwise by name and place. */
function keysOf(children: readonly Child[]): string[] {
  const counts = new Map<string, number>();
  return children.map((child) => {
    const name = child instanceof Y.XmlText ? '#text' : child.nodeName;
    const id = child instanceof Y.XmlElement ? child.getAttribute('id') : undefined;
    if (typeof id === 'string' && id.length > 0) return `${name}:${id}`;
    const n = counts.get(name) ?? 0;
    counts.set(name, n + 1);
    return `${name}#${n}`;
  });
}

/** Indexes into `values` of one longest strictly increasing subsequence (O(n log n)). */
function longestIncreasing(values: readonly number[]): Set<number> {
  const tails: number[] = [];
  const previous = new Array<number>(values.length).fill(-1);
  values.forEach((value, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((values[tails[mid] as number] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1] as number;
    tails[lo] = i;
  });
  const kept = new Set<number>();
  let i = tails.length > 0 ? (tails[tails.length - 1] as number) : -1;
  while (i !== -1) {
    kept.add(i);
    i = previous[i] as number;
  }
  return kept;
}

function childrenOf(parent: Y.XmlElement | Y.XmlFragment): Child[] {
  return parent.toArray().filter((c): c is Child => c instanceof Y.XmlElement || c instanceof Y.XmlText);
}

function restoreAttributes(live: Y.XmlElement, target: Y.XmlElement): boolean {
  let changed = false;
  const wanted = target.getAttributes();
  for (const [key, value] of Object.entries(live.getAttributes())) {
    if (!(key in wanted)) {
      live.removeAttribute(key);
      changed = true;
    } else if (wanted[key] !== value) {
      live.setAttribute(key, wanted[key] as string);
      changed = true;
    }
  }
  for (const [key, value] of Object.entries(wanted)) {
    if (live.getAttribute(key) === undefined && value !== undefined) {
      live.setAttribute(key, value as string);
      changed = true;
    }
  }
  return changed;
}

/** Counts what {@link restoreDraft} changed, by the clause ids it touched. */
export interface RestoreCount {
  /** Ids of elements (clauses, sections) inserted, moved, removed or changed. */
  readonly clauses: Set<string>;
}

function note(count: RestoreCount, child: Child): void {
  const id = child instanceof Y.XmlElement ? child.getAttribute('id') : undefined;
  if (typeof id === 'string' && id.length > 0) count.clauses.add(id);
}

function restoreChildren(
  live: Y.XmlElement | Y.XmlFragment,
  target: Y.XmlElement | Y.XmlFragment,
  count: RestoreCount,
  owner: Child | null,
): boolean {
  const liveChildren = childrenOf(live);
  const targetChildren = childrenOf(target);
  const liveIndex = new Map<string, number>();
  keysOf(liveChildren).forEach((key, i) => {
    if (!liveIndex.has(key)) liveIndex.set(key, i);
  });
  const targetKeys = keysOf(targetChildren);
  const matches = targetKeys.map((key) => liveIndex.get(key) ?? -1);
  const matchedTargets = matches.flatMap((m, t) => (m === -1 ? [] : [t]));
  const keptOrder = longestIncreasing(matchedTargets.map((t) => matches[t] as number));
  const keptTargets = new Set(matchedTargets.filter((_, k) => keptOrder.has(k)));
  const keptLive = new Set([...keptTargets].map((t) => matches[t] as number));
  let changed = false;
  // Remove, from the end, what the target does not hold where it stands (moved ones come back).
  for (let i = liveChildren.length - 1; i >= 0; i--) {
    if (keptLive.has(i)) continue;
    note(count, liveChildren[i] as Child);
    live.delete(i, 1);
    changed = true;
  }
  targetChildren.forEach((targetChild, t) => {
    if (keptTargets.has(t)) {
      const liveChild = live.get(t) as Child;
      if (restoreNode(liveChild, targetChild, count)) changed = true;
      return;
    }
    note(count, targetChild);
    live.insert(t, [targetChild.clone()]);
    changed = true;
  });
  if (changed && owner) note(count, owner);
  return changed;
}

function restoreNode(live: Child, target: Child, count: RestoreCount): boolean {
  if (live instanceof Y.XmlText && target instanceof Y.XmlText) {
    const changed = restoreText(live, target);
    return changed;
  }
  if (live instanceof Y.XmlElement && target instanceof Y.XmlElement) {
    const attributes = restoreAttributes(live, target);
    if (attributes) note(count, live);
    return restoreChildren(live, target, count, live) || attributes;
  }
  return false;
}

/**
 * Makes the live draft `live` read as `target` (a revision's draft fragment) as a forward change,
 * clause by clause: elements are matched by name and `id` (clauses keep their ids, so comment
 * threads on them stay attached), those in the same order are kept and changed in place (text by
 * its changed middle only, attributes such as status one by one), moved and new ones are
 * inserted as copies of the revision's, and those the revision does not hold are removed. Run
 * it inside one transaction. Returns the ids of the clauses it changed.
 */
export function restoreDraft(live: Y.XmlFragment, target: Y.XmlFragment): RestoreCount {
  const count: RestoreCount = { clauses: new Set() };
  restoreChildren(live, target, count, null);
  return count;
}

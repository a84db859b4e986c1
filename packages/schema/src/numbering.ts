import type { Node as PMNode } from 'prosemirror-model';
import { type ClauseInfo, listClauses } from './clauses.js';
import { latinIndex, latinSuffix, letter, roman } from './ordinals.js';
import type { ClauseNodeName } from './schema.js';

/** The number of one clause. */
export interface ClauseNumber {
  readonly id: string | null;
  readonly kind: ClauseNodeName;
  readonly pos: number;
  /** The clause's own number: `"3"`, `"5 bis"`, `"a"`, `"ii"`. */
  readonly number: string;
  /** The written label: `"PP 2"`, `"OP 3 (a) (ii)"`, `"OP 5 bis"`. */
  readonly label: string;
  /** The label for screen readers: `"Operative paragraph 3, subparagraph a, point ii"`. */
  readonly spoken: string;
}

/**
 * Frozen numbering from the last revision: clause id → own number (`"5"`, `"5 bis"`, `"a"`).
 * Produce it with {@link frozenNumbers} when the revision is issued.
 */
export type FrozenNumbers = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

/** Options of {@link numberClauses}. */
export interface NumberingOptions {
  /** When given, clauses keep their frozen numbers and new ones become "bis", "ter" … */
  readonly frozen?: FrozenNumbers;
}

function frozenOf(frozen: FrozenNumbers | undefined, id: string | null): string | undefined {
  if (!frozen || id === null) return undefined;
  if (frozen instanceof Map) return frozen.get(id);
  const record = frozen as Readonly<Record<string, string>>;
  return Object.hasOwn(record, id) && typeof record[id] === 'string' ? record[id] : undefined;
}

function ordinal(kind: ClauseNodeName, n: number): string {
  if (kind === 'subparagraph') return letter(n);
  if (kind === 'subsubparagraph') return roman(n);
  return String(n);
}

/** Numbers one sibling sequence (all PPs, all OPs, or the sub-paragraphs of one clause). */
function numberSequence(seq: readonly ClauseInfo[], frozen: FrozenNumbers | undefined): string[] {
  const frozenNumbers = seq.map((c) => frozenOf(frozen, c.id));
  if (frozenNumbers.every((n) => n === undefined)) return seq.map((c, i) => ordinal(c.kind, i + 1));
  let base = '0';
  let index = 0;
  return seq.map((_, i) => {
    const own = frozenNumbers[i];
    if (own !== undefined) {
      const [head = own, suffix = ''] = own.split(' ');
      base = head;
      index = suffix ? latinIndex(suffix) : 0;
      return own;
    }
    index += 1;
    return `${base} ${latinSuffix(index)}`;
  });
}

/**
 * Numbers every clause of a document, a pure function of the document (and the frozen map).
 * PPs and OPs are numbered separately from 1; OPs run on across headed sections; sub-paragraphs
 * are (a), (b) … and their own sub-paragraphs (i), (ii) …. With `frozen`, each sequence that
 * holds frozen clauses keeps their numbers and numbers the others after the preceding frozen
 * clause ("5 bis", "5 ter"; "0 bis" before the first). Returns entries in document order.
 */
export function numberClauses(doc: PMNode, options: NumberingOptions = {}): ClauseNumber[] {
  const clauses = listClauses(doc);
  const groups = new Map<string, number[]>();
  clauses.forEach((c, i) => {
    const key = c.parent === -1 ? c.kind : `sub:${c.parent}`;
    const list = groups.get(key) ?? [];
    list.push(i);
    groups.set(key, list);
  });
  const own: string[] = new Array<string>(clauses.length).fill('');
  for (const indexes of groups.values()) {
    const numbers = numberSequence(
      indexes.map((i) => clauses[i] as ClauseInfo),
      options.frozen,
    );
    indexes.forEach((clauseIndex, k) => {
      own[clauseIndex] = numbers[k] ?? '';
    });
  }
  const out: ClauseNumber[] = [];
  clauses.forEach((c, i) => {
    const number = own[i] ?? '';
    const parent = c.parent === -1 ? undefined : out[c.parent];
    const label = parent ? `${parent.label} (${number})` : `${c.kind === 'pp' ? 'PP' : 'OP'} ${number}`;
    const spoken = parent
      ? `${parent.spoken}, ${c.kind === 'subparagraph' ? 'subparagraph' : 'point'} ${number}`
      : `${c.kind === 'pp' ? 'Preambular' : 'Operative'} paragraph ${number}`;
    out.push({ id: c.id, kind: c.kind, pos: c.pos, number, label, spoken });
  });
  return out;
}

/**
 * Labels by clause id (see {@link numberClauses}). A clause without a valid id has no entry;
 * with duplicate ids (before repair) the first occurrence wins.
 */
export function clauseLabels(doc: PMNode, options: NumberingOptions = {}): Map<string, ClauseNumber> {
  const map = new Map<string, ClauseNumber>();
  for (const entry of numberClauses(doc, options))
    if (entry.id !== null && !map.has(entry.id)) map.set(entry.id, entry);
  return map;
}

/** The frozen map to store with a revision: every clause id → its current own number. */
export function frozenNumbers(doc: PMNode, options: NumberingOptions = {}): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of numberClauses(doc, options))
    if (entry.id !== null && !map.has(entry.id)) map.set(entry.id, entry.number);
  return map;
}

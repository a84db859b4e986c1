import {
  type Block,
  type Change,
  type ClauseBlock,
  type DraftModel,
  type Formulation,
  type Run,
  sameStyle,
} from './model.js';

/** Above this many LCS cells a changed clause is shown as one deletion and one insertion. */
const MAX_LCS_CELLS = 4_000_000;

/** One word (or run of spaces) of a formulation, as the diff compares it. */
interface Token {
  readonly text: string;
  /** The formatting the word is compared by (every piece shares it). */
  readonly run: Run;
  /** The word as the runs hold it: one piece per run it spans, each with its own suggestion. */
  readonly pieces: readonly Run[];
}

/** Whether the formatting the diff compares is the same: role, emphasis and link. */
function sameLook(a: Run, b: Run): boolean {
  return a.role === b.role && !!a.em === !!b.em && !!a.strong === !!b.strong && a.href === b.href;
}

/**
 * Whether two neighbouring runs are read as one text for splitting into words: they look the
 * same and neither is a proposed insertion. A proposed deletion often starts inside a word
 * ("security{-, development-}"); the word stays one word, in two pieces, so that marking text for
 * deletion does not show it changed against a version without the mark.
 */
function joinable(a: Run, b: Run): boolean {
  return (
    sameLook(a, b) && a.change === b.change && a.suggestion?.kind !== 'insertion' && b.suggestion?.kind !== 'insertion'
  );
}

/** The pieces of `group` (runs read as one text) between offsets `start` and `end` of that text. */
function piecesOf(group: readonly Run[], start: number, end: number): Run[] {
  const pieces: Run[] = [];
  let offset = 0;
  for (const run of group) {
    const from = Math.max(start, offset);
    const to = Math.min(end, offset + run.text.length);
    if (from < to) pieces.push({ ...run, text: run.text.slice(from - offset, to - offset) });
    offset += run.text.length;
  }
  return pieces;
}

function tokens(runs: readonly Run[]): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < runs.length) {
    let j = i + 1;
    while (j < runs.length && joinable(runs[j - 1] as Run, runs[j] as Run)) j++;
    const group = runs.slice(i, j);
    const text = group.map((r) => r.text).join('');
    for (const match of text.matchAll(/\s+|\S+/g))
      out.push({
        text: match[0],
        run: group[0] as Run,
        pieces: piecesOf(group, match.index, match.index + match[0].length),
      });
    i = j;
  }
  return out;
}

/**
 * Whether two words are the same text in the same formatting. Words of a proposed insertion
 * never match: they are not in the text yet, so the changes view always shows them inserted (by
 * the suggesting delegation), never as an earlier version's words that happen to read the same.
 */
function sameToken(a: Token, b: Token): boolean {
  return (
    a.run.suggestion?.kind !== 'insertion' &&
    b.run.suggestion?.kind !== 'insertion' &&
    a.text === b.text &&
    sameLook(a.run, b.run)
  );
}

function pushRun(out: Run[], run: Run): void {
  const last = out[out.length - 1];
  if (last && sameStyle(last, run)) out[out.length - 1] = { ...last, text: last.text + run.text };
  else out.push(run);
}

/**
 * A run as the changes view shows it. Deleted words carry no suggestion: they are not in the
 * current draft, so no current suggestion is about them.
 */
function changed(run: Run, change: Change | undefined): Run {
  const { change: _old, suggestion, ...rest } = run;
  if (change === 'del') return { ...rest, change };
  return { ...rest, ...(suggestion ? { suggestion } : {}), ...(change ? { change } : {}) };
}

function emit(out: Run[], token: Token, change: Change | undefined): void {
  for (const piece of token.pieces) pushRun(out, changed(piece, change));
}

/**
 * A word-level diff of two run lists: words (and the spaces between them) are compared with
 * their formatting by a longest common subsequence; what only `before` has comes out as
 * `change: 'del'`, what only `after` has as `change: 'ins'`, deletions before insertions at
 * each point (the order Word shows). Equal prefix and suffix are skipped before the quadratic
 * step, and a pathological clause falls back to one deletion and one insertion.
 */
export function diffRuns(before: readonly Run[], after: readonly Run[]): Run[] {
  const a = tokens(before);
  const b = tokens(after);
  let start = 0;
  while (start < a.length && start < b.length && sameToken(a[start] as Token, b[start] as Token)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && sameToken(a[endA - 1] as Token, b[endB - 1] as Token)) {
    endA--;
    endB--;
  }
  const out: Run[] = [];
  // Words both versions have are written as the later one has them: its run carries what the
  // comparison ignores (a proposed deletion on them).
  for (let i = 0; i < start; i++) emit(out, b[i] as Token, undefined);
  const n = endA - start;
  const m = endB - start;
  if (n * m > MAX_LCS_CELLS) {
    for (let i = start; i < endA; i++) emit(out, a[i] as Token, 'del');
    for (let j = start; j < endB; j++) emit(out, b[j] as Token, 'ins');
  } else {
    // lcs[i][j] = LCS length of a[start+i..endA) and b[start+j..endB), row-major.
    const width = m + 1;
    const lcs = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        lcs[i * width + j] = sameToken(a[start + i] as Token, b[start + j] as Token)
          ? (lcs[(i + 1) * width + j + 1] as number) + 1
          : Math.max(lcs[(i + 1) * width + j] as number, lcs[i * width + j + 1] as number);
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && sameToken(a[start + i] as Token, b[start + j] as Token)) {
        emit(out, b[start + j] as Token, undefined);
        i++;
        j++;
      } else if (j >= m || (i < n && (lcs[(i + 1) * width + j] as number) >= (lcs[i * width + j + 1] as number))) {
        emit(out, a[start + i] as Token, 'del');
        i++;
      } else {
        emit(out, b[start + j] as Token, 'ins');
        j++;
      }
    }
  }
  for (let j = endB; j < b.length; j++) emit(out, b[j] as Token, undefined);
  return out;
}

function markRuns(runs: readonly Run[], change: Change): Run[] {
  return runs.map((run) => changed(run, change));
}

function markBlock<T extends Block>(block: T, change: Change): T {
  if (block.kind === 'clause')
    return {
      ...block,
      change,
      formulations: block.formulations.map((f) => ({ ...f, runs: markRuns(f.runs, change) })),
    };
  return { ...block, change, runs: markRuns(block.runs, change) };
}

function diffFormulations(before: readonly Formulation[], after: readonly Formulation[]): Formulation[] {
  const out: Formulation[] = after.map((f, i) => ({ ...f, runs: diffRuns(before[i]?.runs ?? [], f.runs) }));
  for (let i = after.length; i < before.length; i++) {
    const gone = before[i] as Formulation;
    out.push({ ...gone, runs: markRuns(gone.runs, 'del') });
  }
  return out;
}

function diffBlock<T extends Block>(before: T, after: T): T {
  if (after.kind === 'clause' && before.kind === 'clause')
    return { ...after, formulations: diffFormulations(before.formulations, after.formulations) };
  if (after.kind !== 'clause' && before.kind !== 'clause') return { ...after, runs: diffRuns(before.runs, after.runs) };
  return markBlock(after, 'ins');
}

/**
 * The keys of clauses that changed place: of the clauses both versions hold, those outside a
 * longest run they keep in the same order. Moving one clause past others marks that clause,
 * not the ones it passed.
 */
function movedKeys(before: readonly Block[], after: readonly Block[]): Set<string> {
  const afterKeys = new Set(after.filter((b) => b.kind === 'clause').map((b) => b.key));
  const beforeKeys = new Set(before.filter((b) => b.kind === 'clause').map((b) => b.key));
  const a = [...new Set(before.filter((b) => b.kind === 'clause' && afterKeys.has(b.key)).map((b) => b.key))];
  const b = [...new Set(after.filter((x) => x.kind === 'clause' && beforeKeys.has(x.key)).map((x) => x.key))];
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_LCS_CELLS) return new Set();
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i * width + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * width + j + 1] as number) + 1
          : Math.max(lcs[(i + 1) * width + j] as number, lcs[i * width + j + 1] as number);
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      kept.add(a[i] as string);
      i++;
      j++;
    } else if ((lcs[(i + 1) * width + j] as number) >= (lcs[i * width + j + 1] as number)) i++;
    else j++;
  }
  return new Set(b.filter((key) => !kept.has(key)));
}

/**
 * Compares one part (preamble or operative) block by block on stable keys (clause ids):
 * blocks only `after` has are insertions, blocks only `before` has are deletions placed after
 * the nearest preceding block both versions share, and shared blocks get a word diff. A
 * shared clause that changed place is shown where it now stands, with `movedFrom` naming its
 * earlier label, never as a deletion and a re-insertion.
 */
export function diffBlocks<T extends Block>(before: readonly T[], after: readonly T[]): T[] {
  const afterKeys = new Set(after.map((b) => b.key));
  const beforeByKey = new Map<string, T>();
  for (const b of before) if (!beforeByKey.has(b.key)) beforeByKey.set(b.key, b);
  const moved = movedKeys(before, after);
  const deletedAfter = new Map<string | null, T[]>();
  let anchor: string | null = null;
  for (const b of before) {
    if (afterKeys.has(b.key)) anchor = b.key;
    else deletedAfter.set(anchor, [...(deletedAfter.get(anchor) ?? []), markBlock(b, 'del')]);
  }
  const out: T[] = [...(deletedAfter.get(null) ?? [])];
  const seen = new Set<string>();
  for (const b of after) {
    const old = seen.has(b.key) ? undefined : beforeByKey.get(b.key);
    seen.add(b.key);
    const diffed = old ? diffBlock(old, b) : markBlock(b, 'ins');
    out.push(
      old?.kind === 'clause' && diffed.kind === 'clause' && moved.has(b.key)
        ? { ...diffed, movedFrom: old.label }
        : diffed,
    );
    out.push(...(deletedAfter.get(b.key) ?? []));
    deletedAfter.delete(b.key);
  }
  return out;
}

/**
 * The changes view of `after` against `before` (both built in `changes` mode): each part
 * compared clause by clause on stable ids with a word diff inside each clause.
 */
export function diffModels(before: DraftModel, after: DraftModel): DraftModel {
  return {
    preamble: diffBlocks<ClauseBlock>(before.preamble, after.preamble),
    operative: diffBlocks<Block>(before.operative, after.operative),
  };
}

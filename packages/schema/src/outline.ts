import type { Node as PMNode } from 'prosemirror-model';
import { readClauseAttrs } from './attrs.js';
import type { CriterionTag } from './criteria.js';
import { type ClauseNumber, numberClauses } from './numbering.js';
import type { ClauseNodeName } from './schema.js';
import type { ClauseStatus } from './status.js';

/** Words of a clause's text shown in the outline. */
export const OUTLINE_EXCERPT_WORDS = 8;

/** One line of the clause outline: a clause or a section heading. */
export interface OutlineEntry {
  /** Stable key for lists: the clause or section id, else the kind and position. */
  readonly key: string;
  readonly kind: ClauseNodeName | 'heading';
  /** The clause id (or the section id for a heading); `null` when missing or malformed. */
  readonly id: string | null;
  /** Position of the clause node, or of the heading node. */
  readonly pos: number;
  /** Position just after the node: the entry covers `pos` to `end`. */
  readonly end: number;
  /** "PP 2", "OP 3 (a)"; a heading's own text. */
  readonly label: string;
  /** The label for screen readers. */
  readonly spoken: string;
  /** 0 for PPs, OPs and headings; 1 for (a); 2 for (i). */
  readonly depth: number;
  /** The first words of the clause's own text, "…" when cut; `''` for an empty clause. */
  readonly excerpt: string;
  /** The clause status; `null` for headings. */
  readonly status: ClauseStatus | null;
  readonly tags: readonly CriterionTag[];
}

/** Characters of a clause read for its excerpt: enough for the words shown, never the whole text. */
const EXCERPT_SCAN = 320;

/** The first `words` words of `text`, with "…" when some were left out. */
export function excerptOf(text: string, words = OUTLINE_EXCERPT_WORDS): string {
  const head = text.trimStart();
  const scanned = head.length > EXCERPT_SCAN ? head.slice(0, EXCERPT_SCAN) : head;
  const parts = scanned.split(/\s+/).filter(Boolean);
  if (parts.length > words) return `${parts.slice(0, words).join(' ')}…`;
  return scanned.length < head.trimEnd().length ? `${parts.join(' ')}…` : parts.join(' ');
}

/** The start of a text block's text, at most {@link EXCERPT_SCAN} positions of it. */
/**
 * Each textblock's excerpt. Nodes are immutable and an edit shares every unchanged node, so after
 * a keystroke only the textblock typed in is read again (DESIGN §6).
 */
const excerpts = new WeakMap<PMNode, string>();

function blockExcerpt(block: PMNode | null | undefined): string {
  if (!block) return excerptOf('');
  const known = excerpts.get(block);
  if (known !== undefined) return known;
  const excerpt = excerptOf(block.textBetween(0, Math.min(block.content.size, EXCERPT_SCAN), ' '));
  excerpts.set(block, excerpt);
  return excerpt;
}

const DEPTH: Readonly<Record<ClauseNodeName, number>> = { pp: 0, op: 0, subparagraph: 1, subsubparagraph: 2 };

/**
 * The outline of a draft in document order: every clause with its label, first words and
 * status, and every section heading. `numbers` may be passed when already computed for the
 * same document (the numbering plugin holds them), to avoid numbering twice.
 */
export function draftOutline(doc: PMNode, numbers: readonly ClauseNumber[] = numberClauses(doc)): OutlineEntry[] {
  const byPos = new Map(numbers.map((n) => [n.pos, n]));
  const out: OutlineEntry[] = [];
  doc.descendants((node, pos, parent) => {
    const name = node.type.name;
    if (name === 'heading' && parent?.type.name === 'section') {
      const text = node.textContent.trim();
      const sectionId = typeof parent.attrs.id === 'string' ? parent.attrs.id : null;
      out.push({
        key: `heading:${sectionId ?? pos}`,
        kind: 'heading',
        id: sectionId,
        pos,
        end: pos + node.nodeSize,
        label: text === '' ? 'Untitled section' : excerptOf(text),
        spoken: `Section ${text}`,
        depth: 0,
        excerpt: '',
        status: null,
        tags: [],
      });
      return false;
    }
    const number = byPos.get(pos);
    if (!number) return name !== 'body' && name !== 'alternatives' && name !== 'paragraph';
    const attrs = readClauseAttrs(node);
    const own = node.firstChild;
    out.push({
      key: attrs.id ?? `${number.kind}:${pos}`,
      kind: number.kind,
      id: attrs.id,
      pos,
      end: pos + node.nodeSize,
      label: number.label,
      spoken: number.spoken,
      depth: DEPTH[number.kind],
      excerpt: blockExcerpt(own?.type.name === 'alternatives' ? own.firstChild?.firstChild : own),
      status: attrs.status,
      tags: attrs.tags,
    });
    return true;
  });
  return out;
}

/** The innermost entry whose node holds `pos`, or `null` (between clauses, in a paragraph). */
export function outlineEntryAt(entries: readonly OutlineEntry[], pos: number): OutlineEntry | null {
  let found: OutlineEntry | null = null;
  for (const entry of entries) {
    if (entry.pos > pos) break;
    if (pos < entry.end && (found === null || entry.pos >= found.pos)) found = entry;
  }
  return found;
}

/**
 * Whether two entries read the same in the outline: everything but where the clause is, which
 * typing in an earlier clause shifts without changing what a line shows.
 */
export function sameOutlineLine(a: OutlineEntry, b: OutlineEntry): boolean {
  return (
    a.key === b.key &&
    a.kind === b.kind &&
    a.id === b.id &&
    a.spoken === b.spoken &&
    a.label === b.label &&
    a.excerpt === b.excerpt &&
    a.status === b.status &&
    a.depth === b.depth &&
    a.tags.join(' ') === b.tags.join(' ')
  );
}

function sameEntry(a: OutlineEntry, b: OutlineEntry): boolean {
  return a.pos === b.pos && a.end === b.end && sameOutlineLine(a, b);
}

/**
 * `next` with every entry equal to the previous entry of the same key replaced by that previous
 * object, so that a list rendering by identity redraws only the lines that changed.
 */
export function reuseOutlineEntries(previous: readonly OutlineEntry[], next: readonly OutlineEntry[]): OutlineEntry[] {
  const old = new Map(previous.map((e) => [e.key, e]));
  return next.map((entry) => {
    const before = old.get(entry.key);
    return before && sameEntry(before, entry) ? before : entry;
  });
}

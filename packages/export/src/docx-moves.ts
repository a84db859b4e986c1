import type { Block, ClauseBlock, DraftModel, Run } from './model.js';

/**
 * Word's move markup (docs/EXPORT.md, changes): a clause that changed place is written twice, as
 * it stood in the earlier version where it stood (`w:moveFrom`) and as it stands now where it
 * stands (`w:moveTo`), each paragraph inside a named range (`w:moveFromRangeStart`/`End`,
 * `w:moveToRangeStart`/`End`, the same `w:name` on both sides). The docx library writes neither,
 * so the writer marks their authors and {@link applyMoveMarkup} turns the marks into Word's
 * elements in document.xml.
 */

/** The earlier copy of a moved clause, written where it stood, and the name of its move. */
export interface MoveGhost {
  readonly block: ClauseBlock;
  readonly name: string;
}

/** Where the writer puts the earlier copies of moved clauses, and each move's name. */
export interface MovePlan {
  /** The copies to write after the block of this key (`start:preamble`, `start:operative` first). */
  readonly after: ReadonlyMap<string, readonly MoveGhost[]>;
  /** Block key → the name of its move, for the clauses written where they now stand. */
  readonly names: ReadonlyMap<string, string>;
}

/** The key under which copies are written at the start of a part. */
export function partStart(part: 'preamble' | 'operative'): string {
  return `start:${part}`;
}

function plainDeleted(runs: readonly Run[]): Run[] {
  return runs.map(({ suggestion: _s, change: _c, ...rest }) => ({ ...rest, change: 'del' as const }));
}

function planPart(
  part: 'preamble' | 'operative',
  earlier: readonly Block[],
  shown: readonly Block[],
  plan: { after: Map<string, MoveGhost[]>; names: Map<string, string> },
): void {
  const moved = new Set(shown.filter((b) => b.kind === 'clause' && b.movedFrom !== undefined).map((b) => b.key));
  const present = new Set(shown.map((b) => b.key));
  let anchor = partStart(part);
  for (const block of earlier) {
    if (block.kind === 'clause' && moved.has(block.key) && !plan.names.has(block.key)) {
      const name = `move${plan.names.size + 1}`;
      plan.names.set(block.key, name);
      const ghost: ClauseBlock = {
        ...block,
        change: 'del',
        formulations: block.formulations.map((f) => ({ ...f, runs: plainDeleted(f.runs) })),
      };
      plan.after.set(anchor, [...(plan.after.get(anchor) ?? []), { block: ghost, name }]);
    } else if (present.has(block.key)) anchor = block.key;
  }
}

/** Where the earlier copies of the moved clauses of `shown` (a changes view of `earlier`) go. */
export function planMoves(earlier: DraftModel, shown: DraftModel): MovePlan {
  const plan = { after: new Map<string, MoveGhost[]>(), names: new Map<string, string>() };
  planPart('preamble', earlier.preamble, shown.preamble, plan);
  planPart('operative', earlier.operative, shown.operative, plan);
  return plan;
}

const MARK = '\uE000';

/** The author a writer gives the tracked changes that are one side of move `name`. */
export function moveAuthor(side: 'from' | 'to', name: string, author: string): string {
  return `${MARK}${side}:${name}${MARK}${author}`;
}

const MARKED = new RegExp(`w:author="${MARK}(from|to):(move\\d+)${MARK}([^"]*)"`);
const MARKED_ALL = new RegExp(`w:author="${MARK}(?:from|to):move\\d+${MARK}`, 'g');

/**
 * Turns the marked tracked changes of document.xml into Word's move markup: in a paragraph whose
 * changes carry a move mark, the marked `w:del` (or `w:ins`) become `w:moveFrom` (or `w:moveTo`),
 * their deleted text plain text again (a move keeps its words), the paragraph mark too, and a
 * named range opens after the paragraph properties and closes at its end. Range ids continue
 * after the document's highest `w:id`.
 */
export function applyMoveMarkup(document: string): string {
  if (!document.includes(MARK)) return document;
  let next = Math.max(0, ...[...document.matchAll(/w:id="(\d+)"/g)].map((m) => Number(m[1]))) + 1;
  return document.replace(/<w:p[ >][\s\S]*?<\/w:p>/g, (paragraph) => {
    const found = MARKED.exec(paragraph);
    if (!found) return paragraph;
    const side = found[1] === 'from' ? 'moveFrom' : 'moveTo';
    const tracked = side === 'moveFrom' ? 'del' : 'ins';
    const name = found[2] as string;
    const author = found[3] as string;
    const date = /w:date="([^"]*)"/.exec(paragraph.slice(found.index))?.[1] ?? '';
    const element = new RegExp(`<w:${tracked} (w:id="\\d+" w:author="${MARK}[a-z]+:${name}${MARK}[^>]*?)(/?)>`, 'g');
    let out = paragraph.replace(element, (_m, attrs: string, self: string) => `<w:${side} ${attrs}${self}>`);
    // Close tags: each marked element's own, found by walking the elements in order.
    out = closeMarked(out, tracked, side);
    if (side === 'moveFrom')
      out = out.replace(/<w:moveFrom (?!\/)[^>]*[^/]>[\s\S]*?<\/w:moveFrom>/g, (m) =>
        m.replaceAll('<w:delText', '<w:t').replaceAll('</w:delText>', '</w:t>'),
      );
    out = out.replace(MARKED_ALL, 'w:author="');
    const id = next++;
    const start = `<w:${side}RangeStart w:id="${id}" w:author="${author}" w:date="${date}" w:name="${name}"/>`;
    const end = `<w:${side}RangeEnd w:id="${id}"/>`;
    const body = out.includes('</w:pPr>') ? out.indexOf('</w:pPr>') + '</w:pPr>'.length : out.indexOf('>') + 1;
    out = `${out.slice(0, body)}${start}${out.slice(body, out.length - '</w:p>'.length)}${end}</w:p>`;
    return out;
  });
}

/** Renames the closing tag of every `w:<side>` opened in place of a `w:<tracked>`. */
function closeMarked(paragraph: string, tracked: 'del' | 'ins', side: 'moveFrom' | 'moveTo'): string {
  const tags = new RegExp(`<w:${side} [^>]*?(/?)>|<w:${tracked} [^>]*?(/?)>|</w:${tracked}>`, 'g');
  const stack: boolean[] = [];
  return paragraph.replace(tags, (tag, selfA: string, selfB: string) => {
    if (tag.startsWith('</')) return stack.pop() ? `</w:${side}>` : tag;
    if (selfA === '/' || selfB === '/') return tag;
    stack.push(tag.startsWith(`<w:${side} `));
    return tag;
  });
}

import * as Y from 'yjs';
import { readId } from './ids.js';
import { isClauseNodeName } from './schema.js';

/** What a comment anchor is in the draft now. */
export type AnchorState =
  /** The thread is on a whole clause, and the clause exists. */
  | 'clause'
  /** The quoted words are there: `start`/`end` are where they are now. */
  | 'span'
  /** The clause exists but the quoted words were deleted. */
  | 'quote-gone'
  /** The clause was deleted: the thread is kept, without a place in the draft. */
  | 'orphaned';

/** The stored part of an anchor this module reads (see `CommentAnchor` in the protocol). */
export interface AnchorInput {
  readonly clauseId: string;
  readonly start: string | null;
  readonly end: string | null;
  readonly quote: string | null;
}

/** An anchor resolved against the current draft. */
export interface ResolvedAnchor {
  readonly state: AnchorState;
  /** The clause element carrying the id, unless orphaned. */
  readonly clause: Y.XmlElement | null;
  /** For `span`: relative positions valid now (the stored ones, or re-found from the quote). */
  readonly start: Y.RelativePosition | null;
  readonly end: Y.RelativePosition | null;
}

/** Encodes a relative position for storage in an anchor (base64 of `Y.encodeRelativePosition`). */
export function encodeAnchorPosition(position: Y.RelativePosition): string {
  const bytes = Y.encodeRelativePosition(position);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Decodes a stored anchor position; `null` when it is not base64 of a relative position. */
export function decodeAnchorPosition(value: string): Y.RelativePosition | null {
  try {
    const binary = atob(value);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return Y.decodeRelativePosition(bytes);
  } catch {
    return null;
  }
}

/**
 * The clause element whose `id` is `clauseId`, searching the fragment in document order. After
 * concurrent moves two copies may share an id until clients repair it; the first is taken.
 */
export function findClauseElement(fragment: Y.XmlFragment, clauseId: string): Y.XmlElement | null {
  const walk = (parent: Y.XmlFragment | Y.XmlElement): Y.XmlElement | null => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (isClauseNodeName(child.nodeName) && readId(child.getAttribute('id')) === clauseId) return child;
      const inner = walk(child);
      if (inner) return inner;
    }
    return null;
  };
  return walk(fragment);
}

/** Anything in a Y.Doc's tree: every shared type has the item that holds it (null at the root). */
interface TreeNode {
  readonly _item: Y.Item | null;
}

/**
 * Every clause element of the draft by id, in one walk (the first copy wins when two share an
 * id). Pass it to {@link resolveAnchor} when resolving many anchors against one state.
 */
export function clauseElements(fragment: Y.XmlFragment): Map<string, Y.XmlElement> {
  const out = new Map<string, Y.XmlElement>();
  const walk = (parent: Y.XmlFragment | Y.XmlElement): void => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (isClauseNodeName(child.nodeName)) {
        const id = readId(child.getAttribute('id'));
        if (id && !out.has(id)) out.set(id, child);
      } else if (child.nodeName === 'body' || child.nodeName === 'heading' || child.nodeName === 'paragraph') continue;
      walk(child);
    }
  };
  walk(fragment);
  return out;
}

/** The id of the innermost clause holding `type`, or null. */
export function clauseIdOf(type: TreeNode): string | null {
  let current: TreeNode | null = type;
  while (current) {
    if (current instanceof Y.XmlElement && isClauseNodeName(current.nodeName)) {
      return readId(current.getAttribute('id'));
    }
    const parent: unknown = current._item?.parent ?? null;
    current = parent instanceof Y.AbstractType ? (parent as TreeNode) : null;
  }
  return null;
}

/**
 * The innermost clause element holding `type` when `type` is still in the document (neither it
 * nor any ancestor deleted), else null. A moved clause leaves its old, deleted copy behind with
 * the same id: positions in that copy must not count as inside the clause.
 */
function liveClauseElementOf(type: TreeNode): Y.XmlElement | null {
  let current: TreeNode | null = type;
  let found: Y.XmlElement | null = null;
  while (current) {
    if (current._item?.deleted) return null;
    if (!found && current instanceof Y.XmlElement && isClauseNodeName(current.nodeName)) found = current;
    const parent: unknown = current._item?.parent ?? null;
    current = parent instanceof Y.AbstractType ? (parent as TreeNode) : null;
  }
  return found;
}

/** The plain text of a Y.XmlText (formatting left out). */
function plainText(text: Y.XmlText): string {
  let out = '';
  for (const op of text.toDelta() as { insert: unknown }[]) if (typeof op.insert === 'string') out += op.insert;
  return out;
}

/** The clause's own text types: its body, or each alternative's body (not sub-paragraphs). */
export function clauseTexts(clause: Y.XmlElement): Y.XmlText[] {
  const out: Y.XmlText[] = [];
  const collect = (element: Y.XmlElement): void => {
    for (const child of element.toArray()) {
      if (child instanceof Y.XmlText) out.push(child);
      else if (child instanceof Y.XmlElement && !isClauseNodeName(child.nodeName)) collect(child);
    }
  };
  collect(clause);
  return out;
}

/**
 * Resolves an anchor against the draft in `fragment`:
 * - the clause is found by id, wherever it is now (a moved clause is a new Yjs type with the
 *   same id, so the thread follows it); no clause with the id → `orphaned`;
 * - a span's stored relative positions are used while they still point into that clause and
 *   hold text; when they do not (the clause was moved, so its text is new), the quoted words
 *   are looked for in the clause's current text; when neither finds them → `quote-gone`.
 * `clauses` (from {@link clauseElements}) saves a walk of the draft per anchor.
 */
export function resolveAnchor(
  fragment: Y.XmlFragment,
  anchor: AnchorInput,
  clauses?: ReadonlyMap<string, Y.XmlElement>,
): ResolvedAnchor {
  const doc = fragment.doc;
  const clause = clauses ? (clauses.get(anchor.clauseId) ?? null) : findClauseElement(fragment, anchor.clauseId);
  if (!clause || !doc) return { state: 'orphaned', clause: null, start: null, end: null };
  if (anchor.start === null || anchor.end === null) return { state: 'clause', clause, start: null, end: null };
  const start = decodeAnchorPosition(anchor.start);
  const end = decodeAnchorPosition(anchor.end);
  const absStart = start ? Y.createAbsolutePositionFromRelativePosition(start, doc) : null;
  const absEnd = end ? Y.createAbsolutePositionFromRelativePosition(end, doc) : null;
  if (
    start &&
    end &&
    absStart &&
    absEnd &&
    absStart.type === absEnd.type &&
    absStart.type instanceof Y.XmlText &&
    absEnd.index > absStart.index &&
    liveClauseElementOf(absStart.type) === clause
  ) {
    return { state: 'span', clause, start, end };
  }
  const quote = anchor.quote ?? '';
  const collapsedHere =
    absStart !== null &&
    absEnd !== null &&
    absStart.type === absEnd.type &&
    absEnd.index <= absStart.index &&
    liveClauseElementOf(absStart.type) === clause;
  if (quote.length > 0 && !collapsedHere) {
    // The stored positions do not point into this clause any more (a move): find the words.
    for (const text of clauseTexts(clause)) {
      const at = plainText(text).indexOf(quote);
      if (at >= 0) {
        return {
          state: 'span',
          clause,
          start: Y.createRelativePositionFromTypeIndex(text, at),
          end: Y.createRelativePositionFromTypeIndex(text, at + quote.length, -1),
        };
      }
    }
  }
  return { state: 'quote-gone', clause, start: null, end: null };
}

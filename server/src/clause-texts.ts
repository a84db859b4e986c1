import { DRAFT_FRAGMENT, isClauseNodeName, readId } from '@plenary/schema';
import * as Y from 'yjs';

/** What the provenance replay compares of each clause: its own text and the Yjs item holding it. */
export interface ClauseTexts {
  /** Each clause's own text (not its sub-paragraphs'), its text pieces joined by spaces, by clause id. */
  readonly texts: Map<string, string>;
  /**
   * The Yjs item id (`client:clock`) of each clause's element, the first in the draft when ids
   * repeat. A moved clause is deleted and inserted again (docs/ARCHITECTURE.md): a new item under
   * the same id.
   */
  readonly items: Map<string, string>;
  /** The ids that more than one clause element carries. */
  readonly repeated: Set<string>;
}

/** A clause's text and item before and after a stretch of updates. */
export interface ClauseChange {
  readonly clauseId: string;
  readonly text: { readonly before: string | undefined; readonly after: string | undefined };
  readonly item: { readonly before: string | undefined; readonly after: string | undefined };
}

function clauseIdOf(node: Y.XmlElement): string | null {
  return isClauseNodeName(node.nodeName) ? readId(node.getAttribute('id')) : null;
}

/** A shared type as far as the tracker reads it: its item and its parent. */
interface TypeInTree {
  readonly _item: Y.Item | null;
  readonly parent: TypeInTree | null;
}

function itemKey(type: TypeInTree): string | undefined {
  const id = type._item?.id;
  return id ? `${id.client}:${id.clock}` : undefined;
}

/** Appends a text piece to a clause's text: separate texts are separate words. */
function withPiece(text: string | undefined, piece: Y.XmlText): string {
  let out = `${text ?? ''} `;
  for (const op of piece.toDelta() as { insert?: unknown }[]) if (typeof op.insert === 'string') out += op.insert;
  return out;
}

/**
 * Reads every clause of `doc`'s draft: the texts under a clause element belong to it, except
 * those under a nested clause (a sub-paragraph), which are the nested clause's own. Formatting
 * splits a text into pieces, not its words.
 */
export function readClauseTexts(doc: Y.Doc): ClauseTexts {
  const texts = new Map<string, string>();
  const items = new Map<string, string>();
  const repeated = new Set<string>();
  const visit = (node: Y.XmlElement | Y.XmlFragment, clause: string | null): void => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlElement) {
        const id = clauseIdOf(child);
        const item = itemKey(child);
        if (id && items.has(id)) repeated.add(id);
        else if (id && item) items.set(id, item);
        visit(child, id ?? clause);
      } else if (child instanceof Y.XmlText && clause) {
        texts.set(clause, withPiece(texts.get(clause), child));
      }
    }
  };
  visit(doc.getXmlFragment(DRAFT_FRAGMENT), null);
  return { texts, items, repeated };
}

/** The text of one clause element alone, or undefined when it holds no text piece. */
function ownText(clause: Y.XmlElement): string | undefined {
  let text: string | undefined;
  const visit = (node: Y.XmlElement): void => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) text = withPiece(text, child);
      else if (child instanceof Y.XmlElement && clauseIdOf(child) === null) visit(child);
    }
  };
  visit(clause);
  return text;
}

/**
 * Keeps {@link readClauseTexts} of a document up to date as updates are applied to it, re-reading
 * only the clauses whose text pieces a transaction changed. A change to the draft's structure (a
 * child added or removed anywhere, a clause id written) re-reads the whole draft. {@link take}
 * gives the clauses that differ since the last call, with their values then and now.
 */
export class ClauseTextTracker {
  private current: ClauseTexts;
  /** The values at the last {@link take} of each clause touched since. */
  private readonly touched = new Map<string, { text: string | undefined; item: string | undefined }>();
  private readonly fragment: Y.XmlFragment;
  private readonly onTransaction = (transaction: Y.Transaction): void => this.follow(transaction);

  constructor(private readonly doc: Y.Doc) {
    this.fragment = doc.getXmlFragment(DRAFT_FRAGMENT);
    this.current = readClauseTexts(doc);
    doc.on('afterTransaction', this.onTransaction);
  }

  /** Stops following the document. */
  destroy(): void {
    this.doc.off('afterTransaction', this.onTransaction);
  }

  /** The clauses whose text or item changed since the last call (or since construction). */
  take(): ClauseChange[] {
    const out: ClauseChange[] = [];
    for (const [clauseId, was] of this.touched) {
      const text = this.current.texts.get(clauseId);
      const item = this.current.items.get(clauseId);
      if (text === was.text && item === was.item) continue;
      out.push({ clauseId, text: { before: was.text, after: text }, item: { before: was.item, after: item } });
    }
    this.touched.clear();
    return out;
  }

  private touch(clauseId: string): void {
    if (this.touched.has(clauseId)) return;
    this.touched.set(clauseId, { text: this.current.texts.get(clauseId), item: this.current.items.get(clauseId) });
  }

  private follow(transaction: Y.Transaction): void {
    const dirty = new Set<Y.XmlElement>();
    for (const [type, keys] of transaction.changed) {
      if (type instanceof Y.XmlText) {
        const clause = this.clauseOf(type);
        if (clause) dirty.add(clause);
      } else if (keys.has(null) || keys.has('id')) {
        // Children added or removed, or a clause id written: the draft's structure changed.
        if (this.within(type)) {
          this.rereadAll();
          return;
        }
      }
    }
    for (const clause of dirty) {
      const id = clauseIdOf(clause) as string;
      // A repeated id joins the texts of every clause under it: only a whole read gives them.
      if (this.current.repeated.has(id)) {
        this.rereadAll();
        return;
      }
      this.touch(id);
      const text = ownText(clause);
      if (text === undefined) this.current.texts.delete(id);
      else this.current.texts.set(id, text);
    }
  }

  /** The clause element whose own text `text` is; null when it is in no clause of the draft or deleted. */
  private clauseOf(text: Y.XmlText): Y.XmlElement | null {
    if (text._item?.deleted) return null;
    let parent = text.parent;
    while (parent instanceof Y.XmlElement) {
      if (parent._item?.deleted) return null;
      if (clauseIdOf(parent) !== null) return this.within(parent) ? parent : null;
      parent = parent.parent;
    }
    return null;
  }

  /** Whether `type` is the draft's fragment or inside it. */
  private within(type: TypeInTree): boolean {
    let node: TypeInTree | null = type;
    while (node) {
      if (node === (this.fragment as TypeInTree)) return true;
      node = node.parent;
    }
    return false;
  }

  private rereadAll(): void {
    const next = readClauseTexts(this.doc);
    for (const id of this.current.texts.keys()) this.touch(id);
    for (const id of this.current.items.keys()) this.touch(id);
    for (const id of next.texts.keys()) this.touch(id);
    for (const id of next.items.keys()) this.touch(id);
    this.current = next;
  }
}

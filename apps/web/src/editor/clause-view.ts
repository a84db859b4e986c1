import type { ClauseNumber } from '@plenary/schema';
import { DOMSerializer, type Node as PMNode } from 'prosemirror-model';
import type { EditorView, NodeView, ViewMutationRecord } from 'prosemirror-view';

/** The attributes a clause's element carries for its label; nothing else writes them. */
const LABEL_ATTRIBUTES = ['data-label', 'data-number', 'role', 'aria-label', 'title'] as const;

/** The numbered clause at `pos` in `numbers` (sorted by position), if any. */
export function numberAt(numbers: readonly ClauseNumber[], pos: number): ClauseNumber | undefined {
  let low = 0;
  let high = numbers.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const entry = numbers[middle] as ClauseNumber;
    if (entry.pos === pos) return entry;
    if (entry.pos < pos) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}

/** The label attributes of a clause numbered `entry` (none for a clause without a number). */
export function labelAttributes(
  entry: ClauseNumber | undefined,
): Record<(typeof LABEL_ATTRIBUTES)[number], string> | null {
  if (!entry) return null;
  return {
    'data-label': entry.label,
    'data-number': entry.number,
    // Read by screen readers: "Operative paragraph 3", "…, subparagraph a".
    role: 'group',
    'aria-label': entry.spoken,
    title: entry.spoken,
  };
}

/**
 * A clause's element, drawn as the schema draws it, carrying its live label ("PP 2",
 * "OP 3 (a)") as attributes the margin shows with CSS: never text in the document, so it cannot
 * be typed over, copied into the draft or sent to other clients. The label is read from the
 * numbering when the element is made and again by {@link relabel} when labels change; typing
 * inside clauses, which shifts every position after it, touches no clause element.
 */
export class ClauseView implements NodeView {
  readonly dom: HTMLElement;
  readonly contentDOM: HTMLElement;

  constructor(
    private node: PMNode,
    private readonly getPos: () => number | undefined,
    numbers: readonly ClauseNumber[],
    private readonly onDestroy: (view: ClauseView) => void,
  ) {
    const toDOM = node.type.spec.toDOM;
    if (!toDOM) throw new Error(`clause node ${node.type.name} has no toDOM`);
    const { dom, contentDOM } = DOMSerializer.renderSpec(document, toDOM(node));
    if (!(dom instanceof HTMLElement) || !(contentDOM instanceof HTMLElement))
      throw new Error(`clause node ${node.type.name} must draw as an element holding its content`);
    this.dom = dom;
    this.contentDOM = contentDOM;
    this.relabel(numbers);
  }

  /** Writes the label the numbering gives this clause's position, where it differs from the shown one. */
  relabel(numbers: readonly ClauseNumber[]): void {
    const pos = this.getPos();
    const attributes = labelAttributes(pos === undefined ? undefined : numberAt(numbers, pos));
    for (const name of LABEL_ATTRIBUTES) {
      const value = attributes?.[name] ?? null;
      if (this.dom.getAttribute(name) === value) continue;
      if (value === null) this.dom.removeAttribute(name);
      else this.dom.setAttribute(name, value);
    }
  }

  /** Keeps the element for the same clause with new content; a changed id, status or tags draws it anew. */
  update(node: PMNode): boolean {
    if (!node.sameMarkup(this.node)) return false;
    this.node = node;
    return true;
  }

  /** The label attributes are this view's own: writing them is no change to the document. */
  ignoreMutation(mutation: ViewMutationRecord): boolean {
    return (
      mutation.type === 'attributes' &&
      mutation.target === this.dom &&
      (LABEL_ATTRIBUTES as readonly string[]).includes(mutation.attributeName ?? '')
    );
  }

  destroy(): void {
    this.onDestroy(this);
  }
}

/** The clause elements of one editor view, so a change of labels reaches each of them. */
export class ClauseViews {
  private readonly live = new Set<ClauseView>();

  /** Makes the element of `node`, labelled from `numbers`. */
  create(node: PMNode, getPos: () => number | undefined, numbers: readonly ClauseNumber[]): ClauseView {
    const view = new ClauseView(node, getPos, numbers, (gone) => this.live.delete(gone));
    this.live.add(view);
    return view;
  }

  /** Writes the labels `numbers` give every clause element of the view. */
  relabel(numbers: readonly ClauseNumber[]): void {
    for (const view of this.live) view.relabel(numbers);
  }
}

/** Views of the same editor share one set of clause elements. */
const viewsOf = new WeakMap<EditorView, ClauseViews>();

/** The clause elements of `view`. */
export function clauseViewsOf(view: EditorView): ClauseViews {
  let views = viewsOf.get(view);
  if (!views) {
    views = new ClauseViews();
    viewsOf.set(view, views);
  }
  return views;
}

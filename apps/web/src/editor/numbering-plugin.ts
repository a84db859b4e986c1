import { type ClauseNumber, changedWithinOneTextblock, numberClauses } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import { type EditorState, Plugin, PluginKey, type Transaction } from 'prosemirror-state';
import type { EditorView, NodeViewConstructor } from 'prosemirror-view';
import { changedRange } from './changed-range.js';
import { clauseViewsOf } from './clause-view.js';

/** Key of the numbering plugin; its state holds the current labels. */
export const numberingPluginKey = new PluginKey<NumberingState>('plenary-numbering');

/** The labels of the current document. */
export interface NumberingState {
  /** Every numbered clause, in document order. */
  readonly numbers: readonly ClauseNumber[];
  /** The chair's frozen numbering (clause id → number) while frozen, else null. */
  readonly frozen: Readonly<Record<string, string>> | null;
  /**
   * Goes up whenever a label, a spoken label, a clause id or the clauses' order changes, and
   * only then: typing inside a clause shifts `numbers`' positions but keeps the version, so
   * what shows labels (side panels) need not be drawn again on a keystroke.
   */
  readonly labelsVersion: number;
}

/**
 * A transaction giving the numbering the chair's frozen numbers (or null once unfrozen), as the
 * server pushes them with the room's positions: clauses keep those numbers and clauses added
 * meanwhile are "5 bis", "5 ter".
 */
export function setFrozenNumbers(tr: Transaction, frozen: Readonly<Record<string, string>> | null): Transaction {
  return tr.setMeta(numberingPluginKey, { frozen }).setMeta('addToHistory', false);
}

function numbersOf(doc: PMNode, frozen: Readonly<Record<string, string>> | null): ClauseNumber[] {
  return numberClauses(doc, frozen ? { frozen } : {});
}

function build(
  doc: PMNode,
  frozen: Readonly<Record<string, string>> | null,
  numbers: readonly ClauseNumber[] = numbersOf(doc, frozen),
  labelsVersion = 0,
): NumberingState {
  return { numbers, frozen, labelsVersion };
}

/** Same clauses, same labels, in the same order: only text inside clauses changed. */
function sameLabels(a: readonly ClauseNumber[], b: readonly ClauseNumber[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x?.label !== y?.label || x?.id !== y?.id || x?.spoken !== y?.spoken) return false;
  }
  return true;
}

/**
 * The numbering after a change. Typing inside a clause keeps every label, so the labels are not
 * recomputed then: their positions shift past the edit, since numbering hundreds of clauses
 * costs milliseconds per keystroke in a long draft. Any other change renumbers the whole
 * document.
 */
function next(previous: NumberingState, before: PMNode, after: PMNode): NumberingState {
  const range = changedRange(before, after);
  if (range === null) return previous;
  if (changedWithinOneTextblock(before, after)) {
    const shift = range.endB - range.endA;
    return {
      frozen: previous.frozen,
      labelsVersion: previous.labelsVersion,
      numbers:
        shift === 0
          ? previous.numbers
          : previous.numbers.map((n) => (n.pos >= range.endA ? { ...n, pos: n.pos + shift } : n)),
    };
  }
  const numbers = numbersOf(after, previous.frozen);
  if (!sameLabels(previous.numbers, numbers)) return build(after, previous.frozen, numbers, previous.labelsVersion + 1);
  return {
    frozen: previous.frozen,
    labelsVersion: previous.labelsVersion,
    numbers: previous.numbers.every((n, i) => n.pos === numbers[i]?.pos) ? previous.numbers : numbers,
  };
}

/** The clause node types, each drawn by a {@link ClauseView} carrying its label. */
const CLAUSE_NODES = ['pp', 'op', 'subparagraph', 'subsubparagraph'] as const;

function numbersIn(state: EditorState): readonly ClauseNumber[] {
  return numberingPluginKey.getState(state)?.numbers ?? [];
}

function clauseNodeViews(): Record<string, NodeViewConstructor> {
  const make: NodeViewConstructor = (node, view: EditorView, getPos) =>
    clauseViewsOf(view).create(node, getPos, numbersIn(view.state));
  return Object.fromEntries(CLAUSE_NODES.map((name) => [name, make]));
}

/**
 * Shows live clause labels ("PP 2", "OP 3 (a)") in the margin, recomputed with
 * `numberClauses` whenever the document changes, whoever changed it, under the chair's frozen
 * numbering while it is frozen ({@link setFrozenNumbers}). Each clause is drawn by a
 * `ClauseView` whose element carries its label; the elements are relabelled only when the
 * labels change (`labelsVersion`), so a keystroke in a long draft touches none of them, and no
 * decoration per clause has to be mapped and compared on every change.
 */
export function numberingPlugin(): Plugin<NumberingState> {
  return new Plugin<NumberingState>({
    key: numberingPluginKey,
    state: {
      init: (_config, state) => build(state.doc, null),
      apply: (tr, previous, old, state) => {
        const pushed = tr.getMeta(numberingPluginKey) as { frozen: NumberingState['frozen'] } | undefined;
        if (pushed && JSON.stringify(pushed.frozen) !== JSON.stringify(previous.frozen))
          return build(state.doc, pushed.frozen, undefined, previous.labelsVersion + 1);
        return tr.docChanged ? next(previous, old.doc, state.doc) : previous;
      },
    },
    view: () => ({
      update(view, previous) {
        const before = numberingPluginKey.getState(previous);
        const after = numberingPluginKey.getState(view.state);
        if (after && before?.labelsVersion !== after.labelsVersion) clauseViewsOf(view).relabel(after.numbers);
      },
    }),
    props: { nodeViews: clauseNodeViews() },
  });
}

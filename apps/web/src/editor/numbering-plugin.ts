import { type ClauseNumber, changedWithinOneTextblock, numberClauses } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import { Plugin, PluginKey, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { changedRange, rangeMapping } from './changed-range.js';

/** Key of the numbering plugin; its state holds the current labels. */
export const numberingPluginKey = new PluginKey<NumberingState>('plenary-numbering');

/** The labels of the current document and their decorations. */
export interface NumberingState {
  readonly numbers: readonly ClauseNumber[];
  readonly decorations: DecorationSet;
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
  const decorations = numbers.map((entry) => {
    const node = doc.nodeAt(entry.pos);
    const size = node?.nodeSize ?? 1;
    // A node decoration: the label is an attribute the margin shows with CSS, never text in the
    // document, so it cannot be typed over, copied into the draft or sent to other clients.
    return Decoration.node(entry.pos, entry.pos + size, {
      'data-label': entry.label,
      'data-number': entry.number,
      // Read by screen readers: "Operative paragraph 3", "…, subparagraph a".
      role: 'group',
      'aria-label': entry.spoken,
      title: entry.spoken,
    });
  });
  return { numbers, decorations: DecorationSet.create(doc, decorations), frozen, labelsVersion };
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
 * recomputed then: their positions shift past the edit and the decorations are mapped across
 * it, since numbering and building decorations for hundreds of clauses cost several
 * milliseconds per keystroke in a long draft. Any other change renumbers the whole document.
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
      decorations: previous.decorations.map(rangeMapping(range), after),
    };
  }
  const numbers = numbersOf(after, previous.frozen);
  if (!sameLabels(previous.numbers, numbers)) return build(after, previous.frozen, numbers, previous.labelsVersion + 1);
  const decorations = previous.decorations.map(rangeMapping(range), after);
  // A clause replaced as a whole loses its decoration in the mapping: rebuild then (same labels).
  if (decorations.find().length !== numbers.length)
    return build(after, previous.frozen, numbers, previous.labelsVersion);
  return {
    frozen: previous.frozen,
    labelsVersion: previous.labelsVersion,
    numbers: previous.numbers.every((n, i) => n.pos === numbers[i]?.pos) ? previous.numbers : numbers,
    decorations,
  };
}

/**
 * Shows live clause labels ("PP 2", "OP 3 (a)") in the margin, recomputed with
 * `numberClauses` whenever the document changes, whoever changed it, under the chair's frozen
 * numbering while it is frozen ({@link setFrozenNumbers}).
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
    props: {
      decorations: (state) => numberingPluginKey.getState(state)?.decorations ?? DecorationSet.empty,
    },
  });
}

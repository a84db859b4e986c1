import { type ClauseNumber, numberClauses } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import { Plugin, PluginKey } from 'prosemirror-state';
import { Mapping, StepMap } from 'prosemirror-transform';
import { Decoration, DecorationSet } from 'prosemirror-view';

/** Key of the numbering plugin; its state holds the current labels. */
export const numberingPluginKey = new PluginKey<NumberingState>('plenary-numbering');

/** The labels of the current document and their decorations. */
export interface NumberingState {
  readonly numbers: readonly ClauseNumber[];
  readonly decorations: DecorationSet;
}

function build(doc: PMNode, numbers: readonly ClauseNumber[] = numberClauses(doc)): NumberingState {
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
  return { numbers, decorations: DecorationSet.create(doc, decorations) };
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
 * A mapping from `before` to `after` that covers exactly the changed range. Remote changes reach
 * ProseMirror as a replacement of the whole document (y-prosemirror), whose own mapping would
 * drop every decoration; comparing the two documents recovers the small edit inside them.
 */
function diffMapping(before: PMNode, after: PMNode): Mapping {
  const start = before.content.findDiffStart(after.content);
  if (start === null) return new Mapping();
  const end = before.content.findDiffEnd(after.content);
  let endA = end?.a ?? before.content.size;
  let endB = end?.b ?? after.content.size;
  const overlap = start - Math.min(endA, endB);
  if (overlap > 0) {
    endA += overlap;
    endB += overlap;
  }
  return new Mapping([new StepMap([start, endA - start, endB - start])]);
}

/**
 * The numbering after a change. Typing inside a clause keeps every label: the previous
 * decorations are then mapped across the edit rather than rebuilt, since building a decoration
 * set for hundreds of clauses costs several milliseconds per keystroke in a long draft.
 */
function next(previous: NumberingState, before: PMNode, after: PMNode): NumberingState {
  const numbers = numberClauses(after);
  if (!sameLabels(previous.numbers, numbers)) return build(after, numbers);
  const decorations = previous.decorations.map(diffMapping(before, after), after);
  // A clause replaced as a whole loses its decoration in the mapping: rebuild then.
  if (decorations.find().length !== numbers.length) return build(after, numbers);
  return {
    numbers: previous.numbers.every((n, i) => n.pos === numbers[i]?.pos) ? previous.numbers : numbers,
    decorations,
  };
}

/**
 * Shows live clause labels ("PP 2", "OP 3 (a)") in the margin, recomputed with
 * `numberClauses` whenever the document changes, whoever changed it.
 */
export function numberingPlugin(): Plugin<NumberingState> {
  return new Plugin<NumberingState>({
    key: numberingPluginKey,
    state: {
      init: (_config, state) => build(state.doc),
      apply: (tr, previous, old, state) => (tr.docChanged ? next(previous, old.doc, state.doc) : previous),
    },
    props: {
      decorations: (state) => numberingPluginKey.getState(state)?.decorations ?? DecorationSet.empty,
    },
  });
}

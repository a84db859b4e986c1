import { type ClauseNumber, numberClauses } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import { Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';

/** Key of the numbering plugin; its state holds the current labels. */
export const numberingPluginKey = new PluginKey<NumberingState>('plenary-numbering');

/** The labels of the current document and their decorations. */
export interface NumberingState {
  readonly numbers: readonly ClauseNumber[];
  readonly decorations: DecorationSet;
}

function build(doc: PMNode): NumberingState {
  const numbers = numberClauses(doc);
  const decorations = numbers.map((entry) => {
    const node = doc.nodeAt(entry.pos);
    const size = node?.nodeSize ?? 1;
    // A node decoration: the label is an attribute the margin shows with CSS, never text in the
    // document, so it cannot be typed over, copied into the draft or sent to other clients.
    return Decoration.node(entry.pos, entry.pos + size, {
      'data-label': entry.label,
      'data-number': entry.number,
      title: entry.spoken,
    });
  });
  return { numbers, decorations: DecorationSet.create(doc, decorations) };
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
      apply: (tr, previous, _old, state) => (tr.docChanged ? build(state.doc) : previous),
    },
    props: {
      decorations: (state) => numberingPluginKey.getState(state)?.decorations ?? DecorationSet.empty,
    },
  });
}

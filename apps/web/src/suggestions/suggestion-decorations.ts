import { delegationColour, labelInk, type SuggestionRecord } from '@plenary/protocol';
import { suggestionIdOf } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import { type EditorState, Plugin, PluginKey, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { suggestionTitle } from './suggestion-words.js';

/** Key of the plugin colouring suggestions; dispatch {@link setSuggestionRecords} to feed it. */
export const suggestionDecorationsKey = new PluginKey<DecorationsState>('plenary-suggestion-decorations');

interface DecorationsState {
  readonly records: ReadonlyMap<string, SuggestionRecord>;
  readonly decorations: DecorationSet;
}

/** A transaction giving the plugin the room's suggestion records (as last pushed). */
export function setSuggestionRecords(tr: Transaction, records: ReadonlyMap<string, SuggestionRecord>): Transaction {
  return tr.setMeta(suggestionDecorationsKey, records).setMeta('addToHistory', false);
}

/** The colour a delegation's suggestions are drawn in (the chair's own for the chair; grey when unknown). */
export function suggestionColour(delegation: string | undefined): string {
  if (delegation === undefined) return '#6b7280';
  return delegationColour(delegation, delegation === 'Chair' ? 'chair' : 'delegate');
}

/** The decorations of the suggestions in the textblock `block` at `pos`. */
function blockDecorations(
  block: PMNode,
  pos: number,
  records: ReadonlyMap<string, SuggestionRecord>,
  out: Decoration[],
): void {
  const previous = { insertion: null as string | null, deletion: null as string | null };
  // The delegation tagged on the text just before: a rewording (its deletion, then its
  // insertion) is tagged once.
  let tagged: string | null = null;
  block.forEach((node, offset) => {
    const from = pos + 1 + offset;
    const taggedBefore = tagged;
    tagged = null;
    for (const kind of ['insertion', 'deletion'] as const) {
      const id = node.isText ? suggestionIdOf(node.marks, kind) : null;
      const continues = id !== null && previous[kind] === id;
      previous[kind] = id;
      if (id === null) continue;
      const record = records.get(id);
      const colour = suggestionColour(record?.delegation);
      out.push(
        Decoration.inline(from, from + node.nodeSize, {
          class: `suggestion suggestion-${kind}`,
          style: `--suggestion-colour: ${colour}`,
          title: suggestionTitle(record, kind),
          'data-suggestion': id,
          'data-delegation': record?.delegation ?? '',
        }),
      );
      const tag = record?.delegation ?? 'Unattributed';
      const wasTagged = continues || taggedBefore === tag;
      tagged = tag;
      if (wasTagged) continue;
      // The delegation's name once where each stretch of one suggestion starts.
      out.push(
        // Drawn after a caret at this spot, outside the mark elements of the text before it.
        Decoration.widget(from, () => tagElement(tag, colour, kind), {
          side: 1,
          marks: [],
          ignoreSelection: true,
          key: `${kind}:${id}:${tag}:${colour}`,
        }),
      );
    }
  });
}

function tagElement(delegation: string, colour: string, kind: 'insertion' | 'deletion'): HTMLElement {
  const tag = document.createElement('span');
  tag.className = `suggestion-tag suggestion-tag-${kind}`;
  tag.textContent = delegation;
  tag.style.background = colour;
  tag.style.color = labelInk(colour);
  tag.setAttribute('aria-hidden', 'true');
  tag.contentEditable = 'false';
  return tag;
}

function build(doc: PMNode, records: ReadonlyMap<string, SuggestionRecord>): DecorationSet {
  const out: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    blockDecorations(node, pos, records, out);
    return false;
  });
  return DecorationSet.create(doc, out);
}

/** The textblocks of the new document that the transaction's steps touched, with their positions. */
function touchedBlocks(tr: Transaction): { node: PMNode; pos: number }[] {
  const blocks = new Map<number, PMNode>();
  tr.steps.forEach((step, index) => {
    // Replace and mark steps carry their range; mark steps change no positions, so their
    // step maps are empty and say nothing of where they acted.
    const json = step.toJSON() as { from?: unknown; to?: unknown };
    if (typeof json.from !== 'number' || typeof json.to !== 'number') return;
    const after = tr.mapping.slice(index);
    const from = Math.max(0, after.map(json.from, -1));
    const to = Math.min(after.map(json.to, 1), tr.doc.content.size);
    tr.doc.nodesBetween(from, Math.max(from, to), (node, pos) => {
      if (!node.isTextblock) return true;
      blocks.set(pos, node);
      return false;
    });
  });
  return [...blocks].map(([pos, node]) => ({ pos, node }));
}

/**
 * Draws suggestions (docs/ARCHITECTURE.md, "Suggestions"): inserted text underlined and struck
 * text crossed out in the colour of the delegation the server attributed the mark id to, the
 * delegation's name in a small tag where each suggestion starts, and who and when on hover. A
 * mark id the server has no record of yet (just typed, not yet stored) is drawn grey. The whole
 * draft is read when the records change; an edit re-reads only the textblocks it touched.
 */
export function suggestionDecorationsPlugin(): Plugin<DecorationsState> {
  return new Plugin<DecorationsState>({
    key: suggestionDecorationsKey,
    state: {
      init: (_config, state: EditorState) => ({ records: new Map(), decorations: build(state.doc, new Map()) }),
      apply(tr, value) {
        const records = tr.getMeta(suggestionDecorationsKey) as ReadonlyMap<string, SuggestionRecord> | undefined;
        if (records) return { records, decorations: build(tr.doc, records) };
        if (!tr.docChanged) return value;
        let decorations = value.decorations.map(tr.mapping, tr.doc);
        for (const { node, pos } of touchedBlocks(tr)) {
          decorations = decorations.remove(decorations.find(pos, pos + node.nodeSize));
          const fresh: Decoration[] = [];
          blockDecorations(node, pos, value.records, fresh);
          decorations = decorations.add(tr.doc, fresh);
        }
        return { records: value.records, decorations };
      },
    },
    props: {
      decorations: (state) => suggestionDecorationsKey.getState(state)?.decorations ?? DecorationSet.empty,
    },
  });
}

import { delegationColour, labelInk, type SuggestionRecord } from '@plenary/protocol';
import { suggestionIdOf } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import { type EditorState, Plugin, PluginKey, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { changedRange, rangeMapping, textblocksBetween } from '../editor/changed-range.js';
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

/** What of a record the decorations show: whether there is one, its delegation and its time. */
function drawnAs(record: SuggestionRecord | undefined): string {
  return record ? `${record.delegation}\u0000${record.createdAt}` : '';
}

/**
 * Whether every suggestion is drawn the same with `after` as with `before`. Most pushes change a
 * record's text (its author typing on) or status (decided, its marks removed by the same
 * change), which nothing drawn shows.
 */
export function drawnAlike(
  before: ReadonlyMap<string, SuggestionRecord>,
  after: ReadonlyMap<string, SuggestionRecord>,
): boolean {
  if (before.size !== after.size) return false;
  for (const [id, record] of after) if (drawnAs(before.get(id)) !== drawnAs(record)) return false;
  return true;
}

/**
 * Draws suggestions (docs/ARCHITECTURE.md, "Suggestions"): inserted text underlined and struck
 * text crossed out in the colour of the delegation the server attributed the mark id to, the
 * delegation's name in a small tag where each suggestion starts, and who and when on hover. A
 * mark id the server has no record of yet (just typed, not yet stored) is drawn grey. The whole
 * draft is read when a push changes how a suggestion is drawn (a new record, another delegation
 * or time), not when only a record's text or status changes, as it does on every keystroke of
 * its author; an edit re-reads only the textblocks where the document changed.
 */
export function suggestionDecorationsPlugin(): Plugin<DecorationsState> {
  return new Plugin<DecorationsState>({
    key: suggestionDecorationsKey,
    state: {
      init: (_config, state: EditorState) => ({ records: new Map(), decorations: build(state.doc, new Map()) }),
      apply(tr, value) {
        const pushed = tr.getMeta(suggestionDecorationsKey) as ReadonlyMap<string, SuggestionRecord> | undefined;
        if (pushed && !drawnAlike(value.records, pushed))
          return { records: pushed, decorations: build(tr.doc, pushed) };
        const records = pushed ?? value.records;
        if (!tr.docChanged) return pushed ? { records, decorations: value.decorations } : value;
        const range = changedRange(tr.before, tr.doc);
        if (range === null) return pushed ? { records, decorations: value.decorations } : value;
        let decorations = value.decorations.map(rangeMapping(range), tr.doc);
        for (const { node, pos } of textblocksBetween(tr.doc, range.start, range.endB)) {
          decorations = decorations.remove(decorations.find(pos, pos + node.nodeSize));
          const fresh: Decoration[] = [];
          blockDecorations(node, pos, records, fresh);
          decorations = decorations.add(tr.doc, fresh);
        }
        return { records, decorations };
      },
    },
    props: {
      decorations: (state) => suggestionDecorationsKey.getState(state)?.decorations ?? DecorationSet.empty,
    },
  });
}

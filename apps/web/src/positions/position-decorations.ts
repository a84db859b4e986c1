import { delegationColour, labelInk, type PositionRecords } from '@plenary/protocol';
import { positionSummary, readId } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import { type EditorState, Plugin, PluginKey, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { type ChangedRange, changedRange, rangeMapping, textblocksBetween } from '../editor/changed-range.js';

/** Key of the plugin drawing brackets and alternatives; dispatch {@link setPositionRecords} to feed it. */
export const positionDecorationsKey = new PluginKey<DecorationsState>('plenary-position-decorations');

interface DecorationsState {
  readonly records: PositionRecords;
  readonly brackets: DecorationSet;
}

/** Key of the plugin labelling alternatives from the records the bracket plugin holds. */
const alternativesKey = new PluginKey<DecorationSet>('plenary-alternative-labels');

const NO_RECORDS: PositionRecords = { proposals: [], stances: [], statuses: [], picks: [], frozen: null };

/** A transaction giving the plugin the room's position records (as last pushed). */
export function setPositionRecords(tr: Transaction, records: PositionRecords): Transaction {
  return tr.setMeta(positionDecorationsKey, records).setMeta('addToHistory', false);
}

/** The records by target id, built once per push (decorations read them for every bracket). */
interface RecordIndex {
  readonly proposers: ReadonlyMap<string, string>;
  readonly stances: ReadonlyMap<string, PositionRecords['stances']>;
}

const indexes = new WeakMap<PositionRecords, RecordIndex>();

function indexOf(records: PositionRecords): RecordIndex {
  let index = indexes.get(records);
  if (!index) {
    const stances = new Map<string, PositionRecords['stances'][number][]>();
    for (const stance of records.stances) stances.set(stance.target, [...(stances.get(stance.target) ?? []), stance]);
    index = { proposers: new Map(records.proposals.map((p) => [p.id, p.proposedBy])), stances };
    indexes.set(records, index);
  }
  return index;
}

/** Who proposed `id` and who stands where on it, as one line ("" when nothing is recorded). */
export function recordSummary(records: PositionRecords, id: string): string {
  const index = indexOf(records);
  return positionSummary(index.proposers.get(id) ?? null, index.stances.get(id) ?? []);
}

function proposerOf(records: PositionRecords, id: string): string | null {
  return indexOf(records).proposers.get(id) ?? null;
}

function colourOf(delegation: string): string {
  return delegationColour(delegation, delegation === 'Chair' ? 'chair' : 'delegate');
}

function glyph(text: string, delegation: string | null): HTMLElement {
  const span = document.createElement('span');
  span.className = 'bracket-glyph';
  span.textContent = text;
  span.contentEditable = 'false';
  if (delegation) {
    const tag = document.createElement('span');
    tag.className = 'bracket-tag';
    tag.textContent = delegation;
    const colour = colourOf(delegation);
    tag.style.background = colour;
    tag.style.color = labelInk(colour);
    tag.setAttribute('aria-hidden', 'true');
    span.append(tag);
  }
  return span;
}

/** The bracket ids on a text node, outermost first. */
function bracketIdsOf(node: PMNode): string[] {
  return node.marks.filter((m) => m.type.name === 'bracket').flatMap((m) => readId(m.attrs.id) ?? []);
}

/**
 * The decorations of the brackets in the textblock `block` at `pos`: an opening "[" with the
 * proposing delegation's tag where each bracket's run starts, a closing "]" where it ends (a
 * nested bracket inside), and the bracketed text titled with who proposed, supports and objects.
 */
function blockBrackets(block: PMNode, pos: number, records: PositionRecords, out: Decoration[]): void {
  const open = new Map<string, number>();
  const close = (id: string, at: number) => {
    const start = open.get(id) ?? at;
    open.delete(id);
    const summary = recordSummary(records, id);
    out.push(
      Decoration.inline(start, at, {
        class: 'bracket-span',
        'data-bracket': id,
        title: summary ? `Bracketed. ${summary}` : 'Bracketed: not agreed',
      }),
      Decoration.widget(at, () => glyph(']', null), { side: -1, marks: [], key: `]${id}`, ignoreSelection: true }),
    );
  };
  let offsetEnd = pos + 1;
  block.forEach((node, offset) => {
    const from = pos + 1 + offset;
    const ids = node.isText ? bracketIdsOf(node) : [];
    // Close innermost first: those not carried on by this node.
    for (const id of [...open.keys()].reverse()) if (!ids.includes(id)) close(id, from);
    for (const id of ids) {
      if (open.has(id)) continue;
      open.set(id, from);
      const proposer = proposerOf(records, id);
      out.push(
        Decoration.widget(from, () => glyph('[', proposer), {
          side: 1,
          marks: [],
          key: `[${id}:${proposer ?? ''}`,
          ignoreSelection: true,
        }),
      );
    }
    offsetEnd = from + node.nodeSize;
  });
  for (const id of [...open.keys()].reverse()) close(id, offsetEnd);
}

function buildBrackets(doc: PMNode, records: PositionRecords): DecorationSet {
  const out: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    blockBrackets(node, pos, records, out);
    return false;
  });
  return DecorationSet.create(doc, out);
}

/**
 * Each alternative labelled "Alt 1", "Alt 2" … with its proposer, stances and whether it is "no
 * text"; a clause collapsed to the chair's pick (one alternative left) reads as plain text.
 */
function buildAlternatives(doc: PMNode, records: PositionRecords): DecorationSet {
  const out: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (node.isTextblock) return false;
    if (node.type.name !== 'alternatives') return true;
    if (node.childCount < 2) {
      // Collapsed to the chair's pick: read as the clause's own text.
      out.push(Decoration.node(pos, pos + node.nodeSize, { 'data-picked': 'true' }));
      return false;
    }
    node.forEach((option, offset, index) => {
      const id = readId(option.attrs.id) ?? '';
      const proposer = proposerOf(records, id);
      const summary = recordSummary(records, id);
      const label = `Alt ${index + 1}`;
      const start = pos + 1 + offset;
      out.push(
        Decoration.node(start, start + option.nodeSize, {
          'data-alt-label': proposer ? `${label} · ${proposer}` : label,
          'data-empty': option.textContent === '' ? 'true' : 'false',
          title: summary ? `${label}. ${summary}` : label,
          ...(proposer ? { style: `--alt-colour: ${colourOf(proposer)}` } : {}),
        }),
      );
    });
    return false;
  });
  return DecorationSet.create(doc, out);
}

/** Whether the change is text inside one textblock, in both documents, that is not in an alternative. */
function typingOutsideAlternatives(before: PMNode, after: PMNode, range: ChangedRange): boolean {
  const $before = before.resolve(range.start);
  const $after = after.resolve(range.start);
  if (!$before.parent.isTextblock || !$before.sameParent(before.resolve(range.endA))) return false;
  if (!$after.parent.isTextblock || !$after.sameParent(after.resolve(range.endB))) return false;
  for (let depth = $after.depth; depth > 0; depth--) if ($after.node(depth).type.name === 'alternative') return false;
  return true;
}

/**
 * Draws the negotiation's positions (docs/ARCHITECTURE.md, "Positions"): brackets as "[ … ]"
 * with the proposing delegation's tag in its colour and, on hover, who proposed, supports and
 * objects; alternatives labelled "Alt 1", "Alt 2" with their proposer, an empty one as "no
 * text". Everything comes from the server's records, never from the document's text. An edit
 * redraws the brackets only of the textblocks it changed.
 */
export function positionDecorationsPlugins(): Plugin[] {
  const brackets = new Plugin<DecorationsState>({
    key: positionDecorationsKey,
    state: {
      init: (_config, state: EditorState) => ({ records: NO_RECORDS, brackets: buildBrackets(state.doc, NO_RECORDS) }),
      apply(tr, value) {
        const pushed = tr.getMeta(positionDecorationsKey) as PositionRecords | undefined;
        if (pushed) return { records: pushed, brackets: buildBrackets(tr.doc, pushed) };
        if (!tr.docChanged) return value;
        const range = changedRange(tr.before, tr.doc);
        if (range === null) return value;
        let brackets = value.brackets.map(rangeMapping(range), tr.doc);
        for (const { node, pos } of textblocksBetween(tr.doc, range.start, range.endB)) {
          brackets = brackets.remove(brackets.find(pos, pos + node.nodeSize));
          const fresh: Decoration[] = [];
          blockBrackets(node, pos, value.records, fresh);
          brackets = brackets.add(tr.doc, fresh);
        }
        return { records: value.records, brackets };
      },
    },
    props: {
      decorations: (state) => positionDecorationsKey.getState(state)?.brackets ?? DecorationSet.empty,
    },
  });
  const alternatives = new Plugin<DecorationSet>({
    key: alternativesKey,
    state: {
      init: (_config, state: EditorState) => buildAlternatives(state.doc, NO_RECORDS),
      apply(tr, value, _old, state) {
        const pushed = tr.getMeta(positionDecorationsKey) !== undefined;
        if (!tr.docChanged && !pushed) return value;
        const range = tr.docChanged ? changedRange(tr.before, tr.doc) : null;
        if (!pushed && range === null) return value;
        // Typing in a textblock outside every alternative changes no label: map them along.
        if (!pushed && range !== null && typingOutsideAlternatives(tr.before, tr.doc, range))
          return value.map(rangeMapping(range), tr.doc);
        return buildAlternatives(tr.doc, positionDecorationsKey.getState(state)?.records ?? NO_RECORDS);
      },
    },
    props: {
      decorations: (state) => alternativesKey.getState(state) ?? DecorationSet.empty,
    },
  });
  return [brackets, alternatives];
}

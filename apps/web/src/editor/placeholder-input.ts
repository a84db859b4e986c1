import { schema } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import { type EditorState, Plugin, TextSelection, type Transaction } from 'prosemirror-state';

interface Blank {
  readonly from: number;
  readonly to: number;
  readonly node: PMNode;
}

/** The placeholder runs of the textblock around `pos`: adjacent text with one label is one. */
function blanksAround(state: EditorState, pos: number): Blank[] {
  const $pos = state.doc.resolve(pos);
  const parent = $pos.parent;
  if (!parent.isTextblock) return [];
  const start = $pos.start();
  const out: Blank[] = [];
  parent.forEach((child, offset) => {
    const mark = child.marks.find((m) => m.type === schema.marks.placeholder);
    if (!mark) return;
    const from = start + offset;
    const last = out[out.length - 1];
    const lastMark = last?.node.marks.find((m) => m.type === schema.marks.placeholder);
    if (last && last.to === from && lastMark?.eq(mark)) out[out.length - 1] = { ...last, to: from + child.nodeSize };
    else out.push({ from, to: from + child.nodeSize, node: child });
  });
  return out;
}

/**
 * What typing `text` over `from`–`to` does to a placeholder: typed inside a blank (a caret
 * within it, or a selection reaching into it), the text replaces the whole blank as ordinary
 * words, keeping its other marks (emphasis) but not the placeholder mark, with the caret after
 * it. `null` when no blank is touched: at a blank's edge typing writes outside it anyway (the
 * mark is not inclusive), and ProseMirror's own input applies.
 */
export function typeIntoPlaceholder(state: EditorState, from: number, to: number, text: string): Transaction | null {
  const touched = blanksAround(state, from).filter((b) =>
    from === to ? b.from < from && from < b.to : b.from < to && from < b.to,
  );
  if (touched.length === 0) return null;
  const start = Math.min(from, ...touched.map((b) => b.from));
  const end = Math.max(to, ...touched.map((b) => b.to));
  const marks = schema.marks.placeholder.removeFromSet((touched[0] as Blank).node.marks);
  const tr = state.tr.replaceWith(start, end, schema.text(text, marks));
  tr.setSelection(TextSelection.create(tr.doc, start + text.length)).scrollIntoView();
  return tr;
}

/** Typing inside a placeholder fills it in instead of growing the blank ({@link typeIntoPlaceholder}). */
export function placeholderInputPlugin(): Plugin {
  return new Plugin({
    props: {
      handleTextInput(view, from, to, text) {
        const tr = typeIntoPlaceholder(view.state, from, to, text);
        if (!tr) return false;
        view.dispatch(tr);
        return true;
      },
    },
  });
}

import { Plugin, PluginKey } from 'prosemirror-state';

const caretLabelLayoutKey = new PluginKey('plenary-caret-label-layout');

/** Space kept between two labels, in CSS pixels. */
const GAP_PX = 2;

/** A label's box, in viewport pixels. */
interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right + GAP_PX && b.left < a.right + GAP_PX && a.top < b.bottom && b.top < a.bottom;
}

/**
 * Moves the labels of other people's carets under `root` apart so that none covers another.
 * Each label stands above its caret's line (see `.remote-caret-label`), so it never covers the
 * text being typed; when two carets stand close on one line, the later label (left to right)
 * moves right just past the one it would cover, and when that would run past the right edge of
 * `root` it stacks above that one instead. Labels are measured from where CSS puts them, so
 * the layout starts afresh every time; a moved label loses its corner joined to the caret.
 */
export function layOutCaretLabels(root: HTMLElement): void {
  const labels = [...root.querySelectorAll<HTMLElement>('.remote-caret-label')];
  for (const label of labels) {
    label.style.transform = '';
    delete label.dataset.moved;
  }
  if (labels.length < 2) return;
  const edge = root.getBoundingClientRect().right;
  const measured = labels
    .map((label) => ({ label, rect: label.getBoundingClientRect() }))
    .sort((a, b) => b.rect.top - a.rect.top || a.rect.left - b.rect.left);
  const placed: Box[] = [];
  for (const { label, rect } of measured) {
    let dx = 0;
    let dy = 0;
    let box: Box = rect;
    // Each step moves past one placed label, so there are at most as many steps as labels.
    for (let step = 0; step <= placed.length; step++) {
      const current = box;
      const hit = placed.find((other) => overlaps(other, current));
      if (!hit) break;
      if (hit.right + GAP_PX + rect.width <= edge) {
        dx = hit.right + GAP_PX - rect.left;
      } else {
        dx = 0;
        dy = hit.top - GAP_PX - rect.bottom;
      }
      box = { left: rect.left + dx, right: rect.right + dx, top: rect.top + dy, bottom: rect.bottom + dy };
    }
    if (dx !== 0 || dy !== 0) {
      label.style.transform = `translate(${dx}px, ${dy}px)`;
      label.dataset.moved = '';
    }
    placed.push(box);
  }
}

/**
 * Lays out the labels of other people's carets (see {@link layOutCaretLabels}) after every
 * view update and window resize, once per animation frame: y-prosemirror redraws the carets
 * as decorations whenever the document or someone's cursor changes.
 */
export function caretLabelLayoutPlugin(): Plugin {
  return new Plugin({
    key: caretLabelLayoutKey,
    view(view) {
      let frame: number | null = null;
      const schedule = (): void => {
        if (frame !== null) return;
        frame = requestAnimationFrame(() => {
          frame = null;
          layOutCaretLabels(view.dom);
        });
      };
      window.addEventListener('resize', schedule);
      schedule();
      return {
        update: schedule,
        destroy() {
          window.removeEventListener('resize', schedule);
          if (frame !== null) cancelAnimationFrame(frame);
        },
      };
    },
  });
}

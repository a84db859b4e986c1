import { type LintMarker, lintDocument, lintMarkers, numberClauses } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import { type Command, Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import './lint-marker.css';

/** Key of the lint plugin; its state holds the current markers' decorations. */
export const lintPluginKey = new PluginKey<DecorationSet>('plenary-lint');

/** How long the draft must rest before lint runs again: lint reads the whole draft. */
export const LINT_DELAY_MS = 400;

const SYMBOL = { error: '!', warning: '!', info: 'i' } as const;

/**
 * The marker's element: a focusable button naming its findings, with a tooltip beside it.
 * Escape on it gives the focus back to the draft, where the cursor was.
 */
function markerDOM(marker: LintMarker, view: EditorView): HTMLElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = `lint-marker lint-${marker.severity}`;
  button.contentEditable = 'false';
  button.setAttribute('aria-label', marker.description);
  button.dataset.codes = marker.findings.map((f) => f.code).join(' ');
  const symbol = document.createElement('span');
  symbol.className = 'lint-symbol';
  symbol.setAttribute('aria-hidden', 'true');
  symbol.textContent = SYMBOL[marker.severity];
  const tip = document.createElement('span');
  tip.className = 'lint-tip';
  tip.setAttribute('aria-hidden', 'true');
  for (const finding of marker.findings) {
    const line = document.createElement('span');
    line.className = 'lint-tip-line';
    line.textContent = finding.message;
    tip.append(line);
  }
  button.append(symbol, tip);
  // Keep the draft's cursor where it is: a click on a marker only shows its findings.
  button.addEventListener('mousedown', (event) => {
    event.preventDefault();
    button.focus();
  });
  button.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    view.focus();
  });
  return button;
}

/**
 * Moves the keyboard focus to the drafting-notes marker of the clause at the cursor, which
 * shows its findings (Alt+N). Does nothing when that clause has no findings.
 */
export const focusLintMarker: Command = (state, _dispatch, view) => {
  if (!view) return false;
  const { node } = view.domAtPos(state.selection.from);
  const element = node instanceof Element ? node : node.parentElement;
  const marker = element?.closest('.clause')?.querySelector<HTMLElement>(':scope > .lint-marker');
  if (!marker) return false;
  marker.focus();
  return true;
};

/** Lint markers of `doc` as widget decorations at the start of each clause with findings. */
export function lintDecorations(doc: PMNode): DecorationSet {
  const labels = new Map(numberClauses(doc).map((n) => [n.pos, n.label]));
  const markers = lintMarkers(lintDocument(doc), { labelAt: (pos) => labels.get(pos) });
  return DecorationSet.create(
    doc,
    markers.map((marker) =>
      Decoration.widget(marker.pos + 1, (view) => markerDOM(marker, view), {
        side: -1,
        ignoreSelection: true,
        stopEvent: () => true,
        // Equal keys let ProseMirror keep the element (and its focus) across redraws.
        key: `lint:${marker.severity}:${marker.description}`,
      }),
    ),
  );
}

/**
 * UN-style drafting notes in the margin: a marker beside each clause `lintDocument` has
 * findings for, showing them on hover or keyboard focus. Lint runs once the draft has rested
 * for {@link LINT_DELAY_MS}; in between, markers move with the text.
 */
export function lintPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: lintPluginKey,
    state: {
      init: (_config, state) => lintDecorations(state.doc),
      apply: (tr, previous) => {
        const fresh = tr.getMeta(lintPluginKey) as DecorationSet | undefined;
        if (fresh) return fresh;
        return tr.docChanged ? previous.map(tr.mapping, tr.doc) : previous;
      },
    },
    view: (view: EditorView) => {
      let timer: ReturnType<typeof setTimeout> | null = null;
      const schedule = () => {
        if (timer !== null) clearTimeout(timer);
        timer = setTimeout(() => {
          timer = null;
          if (view.isDestroyed) return;
          // Not an edit: y-prosemirror syncs the draft on every update, and whatever that writes
          // here must stay out of this person's undo history.
          const tr = view.state.tr.setMeta(lintPluginKey, lintDecorations(view.state.doc));
          view.dispatch(tr.setMeta('addToHistory', false));
        }, LINT_DELAY_MS);
      };
      // The draft may have been filled while the view was being built, before this view existed.
      schedule();
      return {
        update(updated, previous) {
          if (updated.state.doc !== previous.doc) schedule();
        },
        destroy() {
          if (timer !== null) clearTimeout(timer);
        },
      };
    },
    props: {
      decorations: (state) => lintPluginKey.getState(state) ?? DecorationSet.empty,
    },
  });
}

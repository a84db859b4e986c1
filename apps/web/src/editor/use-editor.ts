import type { Node as PMNode } from 'prosemirror-model';
import type { EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { useEffect, useState } from 'react';
import { subscribeEditor } from './editor-events.js';

/** How long derived document views (outline, coverage) wait after a change before recomputing. */
export const DERIVE_DELAY_MS = 150;

/**
 * A value derived from the view's document, recomputed when the document changes, at most once
 * per `delayMs` (the last change always counts). Selection-only updates cost nothing, and so does a
 * derivation returning the very value it returned before (nothing re-renders). Returns
 * `null` before a view exists.
 */
export function useDocDerived<T>(
  view: EditorView | null,
  derive: (doc: PMNode, state: EditorState) => T,
  delayMs = DERIVE_DELAY_MS,
): T | null {
  const [value, setValue] = useState<{ view: EditorView; value: T } | null>(null);
  useEffect(() => {
    if (!view) return;
    let doc = view.state.doc;
    let timer: ReturnType<typeof setTimeout> | null = null;
    setValue({ view, value: derive(doc, view.state) });
    const unsubscribe = subscribeEditor(view, (state) => {
      if (state.doc === doc || timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        doc = view.state.doc;
        const value = derive(doc, view.state);
        // A derivation that reuses its previous result re-renders nothing.
        setValue((current) =>
          current && current.view === view && current.value === value ? current : { view, value },
        );
      }, delayMs);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [view, derive, delayMs]);
  return value && value.view === view ? value.value : null;
}

/** A cheap value read from the view's state on every update (React skips equal values). */
export function useEditorSelect<T>(view: EditorView | null, select: (state: EditorState) => T, fallback: T): T {
  const [value, setValue] = useState<T>(() => (view ? select(view.state) : fallback));
  useEffect(() => {
    if (!view) {
      setValue(fallback);
      return;
    }
    setValue(select(view.state));
    return subscribeEditor(view, (state) => setValue(select(state)));
  }, [view, select, fallback]);
  return value;
}

import type { Node as PMNode } from 'prosemirror-model';
import { Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import type { Awareness } from 'y-protocols/awareness';
import { readParticipants } from '../collab/presence.js';

/** What the projection follows: the clause holding a chair's cursor, and its highlight. */
export interface ChairFollowState {
  readonly clause: string | null;
  readonly decorations: DecorationSet;
}

/** Key of the chair-follow plugin (projection view). */
export const chairFollowKey = new PluginKey<ChairFollowState>('plenary-chair-follow');

/** The clause of the first chair (other than this window) whose cursor is in the draft. */
export function chairClause(awareness: Awareness): string | null {
  const chair = readParticipants(awareness).find((p) => !p.isSelf && p.user.role === 'chair' && p.clause !== null);
  return chair?.clause ?? null;
}

function highlight(doc: PMNode, clause: string | null): DecorationSet {
  if (clause === null) return DecorationSet.empty;
  let found: Decoration | null = null;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (node.attrs.id === clause && node.type.name !== 'alternatives') {
      found = Decoration.node(pos, pos + node.nodeSize, { class: 'followed', 'aria-current': 'location' });
      return false;
    }
    return true;
  });
  return found ? DecorationSet.create(doc, [found]) : DecorationSet.empty;
}

function scrollToClause(view: EditorView, clause: string | null): void {
  if (clause === null) return;
  const element = view.dom.querySelector(`.clause[data-id="${CSS.escape(clause)}"]`);
  // An instant jump: on a projector, a long smooth scroll is harder to follow than a cut.
  element?.scrollIntoView({ block: 'center', behavior: 'instant' });
}

/**
 * Projection view: highlights the clause where a chair's cursor is (from awareness) and scrolls
 * it to the middle of the screen whenever the chair moves to another clause or the text moves.
 */
export function chairFollowPlugin(awareness: Awareness): Plugin<ChairFollowState> {
  return new Plugin<ChairFollowState>({
    key: chairFollowKey,
    state: {
      init: (_config, state) => {
        const clause = chairClause(awareness);
        return { clause, decorations: highlight(state.doc, clause) };
      },
      apply: (tr, previous, _old, state) => {
        const meta: unknown = tr.getMeta(chairFollowKey);
        const clause = meta === undefined ? previous.clause : (meta as string | null);
        if (clause === previous.clause && !tr.docChanged) return previous;
        return { clause, decorations: highlight(state.doc, clause) };
      },
    },
    props: {
      decorations: (state) => chairFollowKey.getState(state)?.decorations ?? DecorationSet.empty,
    },
    view(view) {
      const onChange = () => {
        const clause = chairClause(awareness);
        if (clause !== chairFollowKey.getState(view.state)?.clause) {
          view.dispatch(view.state.tr.setMeta(chairFollowKey, clause));
        }
      };
      awareness.on('change', onChange);
      queueMicrotask(() => scrollToClause(view, chairFollowKey.getState(view.state)?.clause ?? null));
      return {
        update(updated, previous) {
          const now = chairFollowKey.getState(updated.state)?.clause ?? null;
          if (now !== chairFollowKey.getState(previous)?.clause) scrollToClause(updated, now);
        },
        destroy() {
          awareness.off('change', onChange);
        },
      };
    },
  });
}

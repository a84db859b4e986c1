import type { CommentThread } from '@plenary/protocol';
import { type EditorState, Plugin, PluginKey, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { placeThreads } from './thread-places.js';

/** Open threads and unread messages on one clause (for margin badges and the outline). */
export interface ClauseCommentCount {
  readonly open: number;
  readonly unread: number;
}

/** What the drafting room tells the plugin: the threads, the one selected, counts per clause. */
export interface CommentHighlightInput {
  readonly threads: readonly CommentThread[];
  readonly active: string | null;
  readonly counts: ReadonlyMap<string, ClauseCommentCount>;
}

interface HighlightState extends CommentHighlightInput {
  readonly decorations: DecorationSet;
  /** The document changed since the decorations were resolved from Yjs. */
  readonly stale: boolean;
}

/** Key of the comment highlight plugin; dispatch `setCommentHighlights` to feed it. */
export const commentHighlightKey = new PluginKey<HighlightState>('plenary-comment-highlights');

type Meta = Partial<CommentHighlightInput> & { readonly refresh?: true };

/** A transaction giving the plugin new threads, selection or counts (any subset). */
export function setCommentHighlights(tr: Transaction, input: Partial<CommentHighlightInput>): Transaction {
  return tr.setMeta(commentHighlightKey, input satisfies Meta);
}

function build(state: EditorState, input: CommentHighlightInput): DecorationSet {
  const decorations: Decoration[] = [];
  const places = placeThreads(state, input.threads);
  for (const thread of input.threads) {
    const place = places.get(thread.id);
    const active = thread.id === input.active;
    if (!place || (thread.status === 'resolved' && !active)) continue;
    if (place.from !== null && place.to !== null) {
      decorations.push(
        Decoration.inline(place.from, place.to, {
          class: active ? 'comment-span is-active' : 'comment-span',
          'data-thread': thread.id,
        }),
      );
    } else if (active && place.clausePos !== null) {
      const node = state.doc.nodeAt(place.clausePos);
      if (node)
        decorations.push(
          Decoration.node(place.clausePos, place.clausePos + node.nodeSize, { class: 'comment-clause-active' }),
        );
    }
  }
  state.doc.descendants((node, pos) => {
    const id = typeof node.attrs.id === 'string' ? node.attrs.id : null;
    const count = id ? input.counts.get(id) : undefined;
    if (count && (count.open > 0 || count.unread > 0)) {
      decorations.push(
        Decoration.node(pos, pos + node.nodeSize, {
          'data-comments': String(count.open),
          class: count.unread > 0 ? 'has-comments has-unread-comments' : 'has-comments',
        }),
      );
    }
    return node.type.name !== 'body' && node.type.name !== 'heading' && node.type.name !== 'paragraph';
  });
  return DecorationSet.create(state.doc, decorations);
}

/**
 * Highlights commented words and the selected thread's anchor, and shows a count badge in the
 * margin of each clause with open threads (marked when some are unread). Anchors are resolved
 * from Yjs (`placeThreads`) after each change, once y-prosemirror's binding has caught up; in
 * between, the decorations are mapped through the edit.
 */
export function commentHighlightPlugin(): Plugin<HighlightState> {
  return new Plugin<HighlightState>({
    key: commentHighlightKey,
    state: {
      init: () => ({ threads: [], active: null, counts: new Map(), decorations: DecorationSet.empty, stale: false }),
      apply(tr, previous, _old, state) {
        const meta = tr.getMeta(commentHighlightKey) as Meta | undefined;
        if (meta) {
          const next = {
            threads: meta.threads ?? previous.threads,
            active: meta.active === undefined ? previous.active : meta.active,
            counts: meta.counts ?? previous.counts,
          };
          return { ...next, decorations: build(state, next), stale: false };
        }
        if (!tr.docChanged) return previous;
        // Without threads only the margin badges exist, and mapping keeps them on their clauses.
        const stale = previous.threads.length > 0;
        return { ...previous, decorations: previous.decorations.map(tr.mapping, tr.doc), stale };
      },
    },
    view: () => ({
      update(view) {
        if (!commentHighlightKey.getState(view.state)?.stale) return;
        // y-prosemirror writes a local edit to Yjs in its own view update: resolve after it.
        queueMicrotask(() => {
          if (commentHighlightKey.getState(view.state)?.stale && !view.isDestroyed) {
            view.dispatch(view.state.tr.setMeta(commentHighlightKey, { refresh: true } satisfies Meta));
          }
        });
      },
    }),
    props: {
      decorations: (state) => commentHighlightKey.getState(state)?.decorations ?? DecorationSet.empty,
    },
  });
}

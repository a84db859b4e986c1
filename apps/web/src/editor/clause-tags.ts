import { type CriterionTag, readClauseAttrs, writeTags } from '@plenary/schema';
import type { Command } from 'prosemirror-state';
import { clauseAt } from './clause-at.js';

/** The clause at the cursor and its tags, or `null` when the cursor is outside every clause. */
export function tagsAtCursor(state: Parameters<Command>[0]): { pos: number; tags: readonly CriterionTag[] } | null {
  const clause = clauseAt(state.selection.$head);
  return clause ? { pos: clause.pos, tags: readClauseAttrs(clause.node).tags } : null;
}

/**
 * Adds `tag` to the clause at the cursor, or removes it when present. Fails outside clauses.
 * The cursor stays where it was.
 */
export function toggleClauseTag(tag: CriterionTag): Command {
  return (state, dispatch) => {
    const at = tagsAtCursor(state);
    if (!at) return false;
    const tags = at.tags.includes(tag) ? at.tags.filter((t) => t !== tag) : [...at.tags, tag];
    dispatch?.(state.tr.setNodeAttribute(at.pos, 'tags', writeTags(tags)));
    return true;
  };
}

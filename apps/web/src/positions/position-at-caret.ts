import { isClauseNodeName, readId, readStatus } from '@plenary/schema';
import type { EditorState } from 'prosemirror-state';

/** What of the negotiation the cursor stands in: its clause, and a bracket or alternative there. */
export interface PositionAtCaret {
  readonly clauseId: string;
  readonly status: string;
  /** The innermost bracket around the cursor (the text after it, or else before it). */
  readonly bracket: string | null;
  /** The alternative the cursor is in, with its group and label. */
  readonly alternative: { readonly id: string; readonly groupId: string; readonly label: string } | null;
}

function bracketAt(state: EditorState): string | null {
  const $head = state.selection.$head;
  for (const node of [$head.nodeAfter, $head.nodeBefore]) {
    if (!node?.isText) continue;
    const ids = node.marks.filter((m) => m.type.name === 'bracket').flatMap((m) => readId(m.attrs.id) ?? []);
    const innermost = ids[ids.length - 1];
    if (innermost) return innermost;
  }
  return null;
}

/**
 * The clause, bracket and alternative at the cursor, as a key that stays the same while the
 * cursor moves within them (React skips equal values); null outside every clause.
 */
export function positionAtCaret(state: EditorState): PositionAtCaret | null {
  const $head = state.selection.$head;
  let clause: { id: string; status: string } | null = null;
  let alternative: PositionAtCaret['alternative'] = null;
  for (let depth = $head.depth; depth > 0 && !clause; depth--) {
    const node = $head.node(depth);
    const group = depth > 1 ? $head.node(depth - 1) : null;
    // A single alternative left is the chair's pick: plain text, nothing to choose.
    if (node.type.name === 'alternative' && !alternative && group && group.childCount > 1) {
      alternative = {
        id: readId(node.attrs.id) ?? '',
        groupId: readId(group.attrs.id) ?? '',
        label: `Alt ${$head.index(depth - 1) + 1}`,
      };
    }
    if (isClauseNodeName(node.type.name))
      clause = { id: readId(node.attrs.id) ?? '', status: readStatus(node.attrs.status) };
  }
  if (!clause) return null;
  return { clauseId: clause.id, status: clause.status, bracket: bracketAt(state), alternative };
}

/** The same position, as a string key for `useEditorSelect` ("" outside clauses). */
export function positionKey(state: EditorState): string {
  const at = positionAtCaret(state);
  return at ? JSON.stringify(at) : '';
}

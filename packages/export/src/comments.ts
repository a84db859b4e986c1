import type { ExportMode } from './formats.js';
import type { DraftModel } from './model.js';
import { cleanText } from './xml-text.js';

/** One message of a comment thread, as exports write it. */
export interface ExportCommentMessage {
  /** "Ghana" or "Ghana (Ms. Mensah)". */
  readonly author: string;
  /** Plain text with line breaks. */
  readonly body: string;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
}

/**
 * A comment thread for export: the caller (the server) passes only threads the reader may see
 * (a private thread only to its own delegation) and leaves deleted messages out.
 */
export interface ExportComment {
  readonly clauseId: string;
  /** The words quoted when the thread was started, or null for a whole clause. */
  readonly quote: string | null;
  readonly status: 'open' | 'resolved';
  readonly visibility: 'room' | 'delegation';
  /** The delegation that started the thread. */
  readonly delegation: string;
  readonly messages: readonly ExportCommentMessage[];
}

/** The comments an export writes: per clause id, and those whose clause was deleted. */
export interface CommentNotes {
  readonly byClause: ReadonlyMap<string, readonly ExportComment[]>;
  readonly orphaned: readonly ExportComment[];
}

export const NO_NOTES: CommentNotes = { byClause: new Map(), orphaned: [] };

function clean(comment: ExportComment): ExportComment {
  return {
    ...comment,
    quote: comment.quote === null ? null : cleanText(comment.quote),
    delegation: cleanText(comment.delegation),
    messages: comment.messages.map((m) => ({ ...m, author: cleanText(m.author), body: cleanText(m.body) })),
  };
}

/**
 * Groups comments by the clauses of `model` for the compilation and changes modes (other modes
 * carry none). A thread on a clause the model does not hold is orphaned: written after the text.
 */
export function commentNotes(
  comments: readonly ExportComment[] | undefined,
  model: DraftModel,
  mode: ExportMode,
): CommentNotes {
  if (!comments || comments.length === 0 || (mode !== 'compilation' && mode !== 'changes')) return NO_NOTES;
  const ids = new Set<string>();
  for (const block of [...model.preamble, ...model.operative])
    if (block.kind === 'clause' && block.id) ids.add(block.id);
  const byClause = new Map<string, ExportComment[]>();
  const orphaned: ExportComment[] = [];
  for (const comment of comments) {
    if (comment.messages.length === 0) continue;
    const cleaned = clean(comment);
    if (!ids.has(comment.clauseId)) orphaned.push(cleaned);
    else byClause.set(comment.clauseId, [...(byClause.get(comment.clauseId) ?? []), cleaned]);
  }
  return { byClause, orphaned };
}

/** The heading line of a note: who started it, its state, the quoted words. */
export function noteHeading(comment: ExportComment): string {
  const state = [
    comment.status === 'resolved' ? 'resolved' : 'open',
    comment.visibility === 'delegation' ? `${comment.delegation} only` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return `Comment (${state})${comment.quote ? ` on “${comment.quote}”` : ''}`;
}

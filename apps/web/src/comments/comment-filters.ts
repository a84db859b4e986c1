import type { CommentThread } from '@plenary/protocol';
import { mentionsDelegation } from '@plenary/schema';

/** The side panel's filters. */
export interface CommentFilters {
  readonly status: 'open' | 'resolved' | 'all';
  /** Only threads with a message from this delegation; null for all. */
  readonly delegation: string | null;
  /** Only threads mentioning the reader's delegation. */
  readonly mentioningMe: boolean;
}

export const DEFAULT_FILTERS: CommentFilters = { status: 'open', delegation: null, mentioningMe: false };

/** Whether `thread` passes `filters` for a reader of `myDelegation`. */
export function passesFilters(thread: CommentThread, filters: CommentFilters, myDelegation: string): boolean {
  if (filters.status !== 'all' && thread.status !== filters.status) return false;
  if (filters.delegation !== null && !thread.messages.some((m) => m.delegation === filters.delegation)) return false;
  if (filters.mentioningMe && !thread.messages.some((m) => !m.deleted && mentionsDelegation(m.mentions, myDelegation)))
    return false;
  return true;
}

/** Every delegation that wrote in some thread, sorted. */
export function threadDelegations(threads: readonly CommentThread[]): string[] {
  return [...new Set(threads.flatMap((t) => t.messages.map((m) => m.delegation)))].sort((a, b) => a.localeCompare(b));
}

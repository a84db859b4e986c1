import type { Node as PMNode } from 'prosemirror-model';
import { type CriterionTag, isCriterionTag } from './criteria.js';
import { readId } from './ids.js';
import { type ClauseStatus, readStatus } from './status.js';

/** Longest placeholder label kept; longer labels are cut (the text itself is never touched). */
export const MAX_LABEL_LENGTH = 80;

/** Clause attributes as read: always well-formed, whatever the stored values were. */
export interface ClauseAttrs {
  /** The stable id, or `null` when missing or malformed (the id plugin then repairs it). */
  readonly id: string | null;
  readonly status: ClauseStatus;
  /** Known tags only, without duplicates, in first-seen order. */
  readonly tags: readonly CriterionTag[];
}

/**
 * Reads a `tags` attribute. The stored form is one string of tag ids separated by spaces
 * (a string, not an array, so y-prosemirror compares it by value); arrays are accepted too.
 * Unknown tags are dropped, never an error.
 */
export function readTags(value: unknown): CriterionTag[] {
  let parts: unknown[];
  if (typeof value === 'string') parts = value.length > 4096 ? [] : value.split(/[\s,]+/);
  else if (Array.isArray(value)) parts = value.slice(0, 64);
  else return [];
  const out: CriterionTag[] = [];
  for (const part of parts) if (isCriterionTag(part) && !out.includes(part)) out.push(part);
  return out;
}

/** Writes tags in their stored form: known tags joined by single spaces. */
export function writeTags(tags: readonly string[]): string {
  return readTags([...tags]).join(' ');
}

/**
 * Reads the attributes of a clause node (`pp`, `op`, `subparagraph`, `subsubparagraph`) or of
 * any node carrying `id`/`status`/`tags`. Never throws; unknown status reads as `proposed`,
 * unknown tags are dropped, a malformed id reads as `null`.
 */
export function readClauseAttrs(node: PMNode): ClauseAttrs {
  const attrs = node.attrs as Record<string, unknown>;
  return { id: readId(attrs.id), status: readStatus(attrs.status), tags: readTags(attrs.tags) };
}

/**
 * Reads a placeholder label: a trimmed string of at most {@link MAX_LABEL_LENGTH} characters
 * without controls, or `''` when unusable.
 */
export function readLabel(value: unknown): string {
  if (typeof value !== 'string') return '';
  return (
    value
      .slice(0, MAX_LABEL_LENGTH * 4)
      // biome-ignore lint/suspicious/noControlCharactersInRegex: labels are plain text
      .replace(/[\u0000-\u001f\u007f]/g, ' ')
      .trim()
      .slice(0, MAX_LABEL_LENGTH)
  );
}

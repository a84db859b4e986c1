import { HttpError } from '../errors.js';

/** Longest revision label, in characters after trimming. */
export const MAX_LABEL_LENGTH = 100;
/** Longest note of a revision. */
export const MAX_NOTE_LENGTH = 2000;

/**
 * Reads a revision label: trimmed, 1–100 characters, no control characters. Anything else
 * (missing, not a string, empty, over-long) is 400 `invalid_label` naming the rule.
 */
export function readLabel(value: unknown): string {
  if (typeof value !== 'string') throw new HttpError(400, 'invalid_label', 'label: a string of 1–100 characters');
  const label = value.trim();
  if (label.length === 0) throw new HttpError(400, 'invalid_label', 'label: must not be empty');
  if (label.length > MAX_LABEL_LENGTH)
    throw new HttpError(400, 'invalid_label', `label: at most ${MAX_LABEL_LENGTH} characters, got ${label.length}`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(label))
    throw new HttpError(400, 'invalid_label', 'label: must not hold control characters or line breaks');
  return label;
}

/** Labels compared as a reader would: case and surrounding spaces ignored. */
export function sameLabel(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase('en') === b.trim().toLocaleLowerCase('en');
}

/**
 * The label to suggest for the next revision: "Zero draft" for the first, then "Rev.N" one past
 * the highest "Rev.N" issued ("Rev.1" when none is).
 */
export function nextLabel(labels: readonly string[]): string {
  if (labels.length === 0) return 'Zero draft';
  let highest = 0;
  for (const label of labels) {
    const match = /^rev\.\s*(\d{1,6})$/i.exec(label.trim());
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return `Rev.${highest + 1}`;
}

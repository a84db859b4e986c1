import { safeHref } from './href.js';

/** Longest comment body, in UTF-16 code units, after cleaning. */
export const MAX_COMMENT_LENGTH = 10_000;

/** A piece of a comment body as it is shown: text, a checked link, or an `@` mention. */
export type CommentSegment =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'link'; readonly text: string; readonly href: string }
  | { readonly kind: 'mention'; readonly text: string; readonly delegation: string };

/**
 * Cleans a comment body: line breaks become `\n`, other control characters (except tab) are
 * removed, and leading and trailing blank space is trimmed. The result is plain text; it is
 * never read as markup anywhere.
 */
export function cleanCommentBody(value: string): string {
  return (
    value
      .replace(/\r\n?/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping controls is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, '')
      .trim()
  );
}

/**
 * `@France` (letters, digits, `_`, `.`, `-`; a trailing `.` is punctuation) or `@[G77 and China]`
 * for a delegation name with spaces; an `@` inside a word (an e-mail address) is no mention.
 */
const MENTION = /(?<![\p{L}\p{N}_.-])@(?:\[([^\]\n]{1,100})\]|([\p{L}\p{N}][\p{L}\p{N}_.-]{0,99}))/gu;
/** Absolute http(s) and mailto URLs; each is still checked with `safeHref`. */
const URL_LIKE = /\b(?:https?:\/\/|mailto:)[^\s<>"'`]+/giu;

function mentionName(match: RegExpExecArray): string {
  const name = match[1] ?? (match[2] ?? '').replace(/\.+$/, '');
  return name.trim();
}

/**
 * The delegations mentioned in `body`, in order of first mention, without duplicates (compared
 * case-insensitively). The server stores them with the message.
 */
export function parseMentions(body: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const match of body.matchAll(MENTION)) {
    const name = mentionName(match as RegExpExecArray);
    const key = name.toLowerCase();
    if (name.length === 0 || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

/** Whether `mentions` names `delegation` (case-insensitively). */
export function mentionsDelegation(mentions: readonly string[], delegation: string): boolean {
  const key = delegation.toLowerCase();
  return mentions.some((m) => m.toLowerCase() === key);
}

/**
 * Splits a comment body into text, links and mentions for display. Only URLs that pass
 * `safeHref` (http, https, mailto) become links; `javascript:` and the like stay text. Callers
 * render every segment as text nodes (never as HTML), keeping line breaks.
 */
export function commentSegments(body: string): CommentSegment[] {
  const found: { start: number; end: number; segment: CommentSegment }[] = [];
  for (const match of body.matchAll(URL_LIKE)) {
    const raw = match[0].replace(/[.,;:!?)\]]+$/, '');
    const href = safeHref(raw);
    if (href)
      found.push({ start: match.index, end: match.index + raw.length, segment: { kind: 'link', text: raw, href } });
  }
  for (const match of body.matchAll(MENTION)) {
    const start = match.index;
    if (found.some((f) => start >= f.start && start < f.end)) continue;
    const delegation = mentionName(match as RegExpExecArray);
    const text = match[1] !== undefined ? match[0] : `@${delegation}`;
    if (delegation) found.push({ start, end: start + text.length, segment: { kind: 'mention', text, delegation } });
  }
  found.sort((a, b) => a.start - b.start);
  const out: CommentSegment[] = [];
  let at = 0;
  for (const f of found) {
    if (f.start < at) continue;
    if (f.start > at) out.push({ kind: 'text', text: body.slice(at, f.start) });
    out.push(f.segment);
    at = f.end;
  }
  if (at < body.length) out.push({ kind: 'text', text: body.slice(at) });
  return out;
}

/** Link schemes that may be stored, rendered and exported. */
export const ALLOWED_LINK_SCHEMES = ['http', 'https', 'mailto'] as const;

/** Longest href kept; longer values read as no link at all. */
export const MAX_HREF_LENGTH = 2048;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  colon: ':',
  tab: '\t',
  newline: '\n',
  sol: '/',
  amp: '&',
  lpar: '(',
  rpar: ')',
  period: '.',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  nbsp: '\u00a0',
};

/** Decodes HTML character references, repeatedly, so `&amp;#106;` cannot hide a `j`. */
function decodeEntities(value: string): string {
  let current = value;
  for (let round = 0; round < 4; round++) {
    const next = current.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (whole, body: string) => {
      const lower = body.toLowerCase();
      if (lower.startsWith('#x')) return codePoint(Number.parseInt(lower.slice(2), 16), whole);
      if (lower.startsWith('#')) return codePoint(Number.parseInt(lower.slice(1), 10), whole);
      return NAMED_ENTITIES[lower] ?? whole;
    });
    if (next === current) return next;
    current = next;
  }
  return current;
}

function codePoint(code: number, fallback: string): string {
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

/**
 * Returns the href when it is safe to store, render and export, otherwise `null`.
 *
 * Only absolute `http:`, `https:` and `mailto:` URLs pass. The check is done the way a browser
 * would read the value: character references are decoded, leading and trailing spaces and C0
 * controls are trimmed, and tabs and newlines anywhere are removed, so `JaVaScRiPt:`,
 * `\u0000 javascript:`, `java\tscript:` and `&#106;avascript:` are all refused. Relative and
 * protocol-relative URLs are refused too (a draft has no base URL). The value returned is the
 * cleaned form, which is what must be written to the DOM or an export.
 */
export function safeHref(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_HREF_LENGTH * 4) return null;
  const cleaned = decodeEntities(value)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping controls is the point
    .replace(/^[\u0000-\u0020\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]+/, '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping controls is the point
    .replace(/[\u0000-\u0020\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]+$/, '')
    .replace(/[\t\n\r]/g, '');
  if (cleaned.length === 0 || cleaned.length > MAX_HREF_LENGTH) return null;
  // Anything still holding controls, spaces, quotes or angle brackets is not a plain URL.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing controls is the point
  if (/[\u0000-\u0020\u007f-\u009f"'<>\\`]/.test(cleaned)) return null;
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned);
  if (!match?.[1]) return null;
  const scheme = match[1].toLowerCase();
  if (!(ALLOWED_LINK_SCHEMES as readonly string[]).includes(scheme)) return null;
  if ((scheme === 'http' || scheme === 'https') && !/^https?:\/\/[^/?#]+/i.test(cleaned)) return null;
  if (scheme === 'mailto' && cleaned.length <= 'mailto:'.length) return null;
  return cleaned;
}

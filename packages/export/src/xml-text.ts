/**
 * Characters XML 1.0 cannot hold: C0 controls other than tab, newline and carriage return,
 * lone surrogates (the `u` flag makes each one a code point of its own), and U+FFFE/U+FFFF.
 */
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text as it may be written to any export: characters invalid in XML removed (see
 * {@link INVALID_XML}), and C1 controls and the Unicode line/paragraph separators replaced by
 * a space so no writer or viewer turns them into layout. Every exporter passes all document
 * text through here, including JSON and Markdown, so that every format holds the same words.
 */
export function cleanText(text: string): string {
  return text.replace(INVALID_XML, '').replace(/[\u007f-\u009f\u2028\u2029]/g, ' ');
}

/** Escapes cleaned text for XML element content and attribute values (both quotes too). */
export function escapeXml(text: string): string {
  return cleanText(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** Escapes cleaned text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return escapeXml(text).replaceAll('&apos;', '&#39;');
}

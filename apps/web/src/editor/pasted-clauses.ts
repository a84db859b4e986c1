import { openingPhraseLength } from '@plenary/schema';

/** A clause read from pasted text: its kind by its opening, its text without a manual number. */
export interface PastedClause {
  readonly kind: 'pp' | 'op';
  readonly text: string;
  readonly subs: readonly PastedSub[];
}

/** A pasted sub-paragraph "(a)" with its points "(i)". */
export interface PastedSub {
  readonly text: string;
  readonly points: readonly string[];
}

/** One pasted paragraph: its text and, when the source said so (Word's list levels), its level. */
export interface PastedBlock {
  readonly text: string;
  /** 0 for a paragraph, 1 for "(a)", 2 for "(i)", from the source's list structure. */
  readonly level?: 0 | 1 | 2;
}

const ROMAN = /^(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)$/i;
/** Manual numbers and bullets a pasted paragraph may open with: "1.", "12)", "(a)", "b.", "(iv)", "•". */
const NUMBER = /^\s*(?:(\d{1,3})[.)]|\(([a-z]{1,5})\)|([a-z]{1,5})[.)]|[•·▪◦\-–—*])(?:\s+|$)/i;

/** The paragraph's text without its manual number, and the level the number implies. */
export function stripNumber(text: string, previousLevel: number): { text: string; level: 0 | 1 | 2 | null } {
  const match = NUMBER.exec(text);
  if (!match) return { text: text.trim(), level: null };
  const rest = text.slice(match[0].length).trim();
  if (match[1]) return { text: rest, level: 0 };
  const letters = (match[2] ?? match[3] ?? '').toLowerCase();
  if (!letters) return { text: rest, level: null };
  // "(i)" after "(h)" is a letter; after a sub-paragraph or a point it is a roman numeral.
  if (ROMAN.test(letters) && (letters !== 'i' || previousLevel >= 1)) return { text: rest, level: 2 };
  return { text: rest, level: letters.length === 1 ? 1 : 0 };
}

/**
 * Turns pasted paragraphs into clauses, as a delegate pasting from Word means them: manual
 * numbers are stripped; a paragraph opening with an operative verb is an OP, one opening with
 * a participle or adjective a PP, anything else takes `fallback` (the kind of the clause pasted
 * into); "(a)" paragraphs become sub-paragraphs of the OP before them, "(i)" points of the
 * sub-paragraph before them (with no such parent, they stand as clauses). Empty paragraphs are
 * dropped.
 */
export function pastedClauses(blocks: readonly PastedBlock[], fallback: 'pp' | 'op'): PastedClause[] {
  const out: { kind: 'pp' | 'op'; text: string; subs: { text: string; points: string[] }[] }[] = [];
  let previousLevel = 0;
  for (const block of blocks) {
    const stripped = stripNumber(block.text.replace(/\s+/g, ' '), previousLevel);
    if (!stripped.text) continue;
    const level = block.level ?? stripped.level ?? 0;
    const parent = out[out.length - 1];
    if (level >= 1 && parent?.kind === 'op') {
      const sub = parent.subs[parent.subs.length - 1];
      if (level === 2 && sub) sub.points.push(stripped.text);
      else parent.subs.push({ text: stripped.text, points: [] });
      previousLevel = level;
      continue;
    }
    const kind =
      openingPhraseLength(stripped.text, 'op') > 0
        ? 'op'
        : openingPhraseLength(stripped.text, 'pp') > 0
          ? 'pp'
          : fallback;
    out.push({ kind, text: stripped.text, subs: [] });
    previousLevel = 0;
  }
  return out;
}

/** Block elements whose text is one pasted paragraph. */
const BLOCKS = 'p, li, h1, h2, h3, h4, h5, h6, blockquote, pre, td, dt, dd';

/**
 * The paragraphs of pasted HTML (Word, a browser, LibreOffice): each block's text, with Word's
 * own list level (`mso-list: l0 level2`) where it gives one. Word's hidden list numbers are
 * kept in the text and stripped later like typed numbers.
 */
export function htmlBlocks(html: string): PastedBlock[] {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const elements = [...doc.body.querySelectorAll<HTMLElement>(BLOCKS)].filter(
    (element) => !element.querySelector(BLOCKS),
  );
  if (elements.length === 0) return textBlocks(doc.body.textContent ?? '');
  return elements.map((element) => {
    const level = /mso-list:\s*\S+\s+level(\d)/i.exec(element.getAttribute('style') ?? '')?.[1];
    const text = element.textContent ?? '';
    return level ? { text, level: Math.min(Number(level) - 1, 2) as 0 | 1 | 2 } : { text };
  });
}

/** The paragraphs of pasted plain text: one per non-empty line. */
export function textBlocks(text: string): PastedBlock[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => ({ text: line }));
}

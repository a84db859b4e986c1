import { OPENING_PREFIXES, OPERATIVE_VERBS, PREAMBULAR_ADJECTIVES } from './lint-words.js';

/** Which part a clause belongs to, for reading its opening phrase. */
export type OpeningPart = 'pp' | 'op';

/**
 * Words that complete an opening word into one phrase, UN style: "*Taking note* of",
 * "*Calls upon* all States", "*Bearing in mind*", "*Noting with concern*". Longest first.
 */
const COMPLETIONS: readonly (readonly string[])[] = [
  ['note', 'with', 'appreciation'],
  ['note', 'with', 'satisfaction'],
  ['note', 'with', 'concern'],
  ['with', 'deep', 'concern'],
  ['with', 'grave', 'concern'],
  ['with', 'serious', 'concern'],
  ['with', 'appreciation'],
  ['with', 'satisfaction'],
  ['with', 'concern'],
  ['with', 'regret'],
  ['with', 'interest'],
  ['with', 'alarm'],
  ['into', 'account'],
  ['in', 'mind'],
  ['note'],
  ['upon'],
];

/** Adverbs that may follow the opening word inside the phrase ("*Recognizing also*"). */
const TRAILING = new Set(['also', 'further', 'again', 'once', 'more']);

function isPreambularWord(word: string): boolean {
  return word.endsWith('ing') || word.endsWith('ed') || PREAMBULAR_ADJECTIVES.has(word);
}

/**
 * The length, in characters from the start of `text`, of a clause's opening phrase, the part
 * UN documents set in italics: leading adverbs ("Deeply", "Also"), the participle, adjective
 * or operative verb ("Recalling", "Mindful", "Calls"), its completion ("upon", "note", "in
 * mind", "with concern") and a trailing "also" or "further". A PP opening with "Having" or
 * "Being" takes the participle after it ("*Having considered*"). Leading spaces are counted
 * but not the space after the phrase. 0 when the text opens with no recognised phrase (a
 * placeholder, a typo, an OP without an operative verb).
 */
export function openingPhraseLength(text: string, part: OpeningPart): number {
  const words = [...text.matchAll(/[A-Za-z][A-Za-z'-]*/g)].slice(0, 12);
  const lower = words.map((m) => (m[0] ?? '').toLowerCase());
  // Only letters and spaces may lie between the phrase's words.
  const contiguous = (from: number, to: number): boolean => {
    const start = words[from]?.index ?? 0;
    const last = words[to];
    if (!last) return false;
    const between = text.slice(start, (last.index ?? 0) + (last[0]?.length ?? 0));
    return /^[A-Za-z'\s-]*$/.test(between) && /^\s*$/.test(text.slice(0, words[0]?.index ?? 0));
  };
  let i = 0;
  while (i < lower.length && OPENING_PREFIXES.has(lower[i] ?? '') && i < 3) i++;
  const head = lower[i];
  if (!head) return 0;
  if (part === 'op' ? !OPERATIVE_VERBS.has(head) : !isPreambularWord(head)) return 0;
  if (part === 'pp' && (head === 'having' || head === 'being') && isPreambularWord(lower[i + 1] ?? '')) i++;
  let end = i;
  for (const completion of COMPLETIONS) {
    if (completion.every((word, k) => lower[end + 1 + k] === word)) {
      end += completion.length;
      break;
    }
  }
  if (TRAILING.has(lower[end + 1] ?? '')) end++;
  while (end > i && !contiguous(0, end)) end--;
  if (!contiguous(0, end)) return 0;
  const last = words[end];
  return (last?.index ?? 0) + (last?.[0]?.length ?? 0);
}

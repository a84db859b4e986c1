/** Shape of a valid clause, section, alternative, bracket or suggestion id. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A fresh random id (`c` + 12 base-36 characters, about 62 bits) from the platform's
 * cryptographic generator, available in browsers and Node 20.
 */
export function newId(prefix = 'c'): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  let out = prefix;
  for (const byte of bytes) out += ALPHABET[byte % 36];
  return out;
}

/**
 * Reads an id attribute: the string when it matches {@link ID_PATTERN}, otherwise `null`
 * (missing, wrong type, too long or carrying markup). A `null` id is repaired like a duplicate.
 */
export function readId(value: unknown): string | null {
  return typeof value === 'string' && ID_PATTERN.test(value) ? value : null;
}

/**
 * A deterministic replacement id derived from the old id and a seed (for example a Yjs item
 * key). Two peers repairing the same duplicate independently compute the same new id, so their
 * concurrent repairs write the same value and converge.
 */
export function derivedId(oldId: string, seed: string): string {
  const input = `${oldId}@${seed}`;
  // Two independent 32-bit FNV-1a hashes give 64 bits: ample for ids within one draft.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ code, 0x5bd1e995) >>> 0;
    h2 ^= h2 >>> 15;
  }
  return `r${h1.toString(36).padStart(7, '0')}${h2.toString(36).padStart(7, '0')}`;
}

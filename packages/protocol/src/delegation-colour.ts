/**
 * Delegation colours: one function, used by the server when it binds presence, by the web app
 * for carets, presence and comments, and by exports, so a delegation has the same colour on
 * every screen and in every room (see `docs/DESIGN.md` §1, "delegation colour").
 *
 * The palette was chosen for distance, not taste alone: every pair of colours is at least 18
 * apart in CIEDE2000, every colour is dark enough (3:1 or more against white) to read as a caret
 * on the page, and none is a grey. The chair has a colour of its own that no delegation gets.
 * Colour is never the only signal: the delegation's name is always shown beside it.
 */

/** The roles a colour depends on: only the chair's differs. */
export type ColourRole = 'chair' | 'delegate' | 'observer';

/** The chair's colour, outside the delegations' palette. */
export const CHAIR_COLOUR = '#1f3a68';

/** The delegations' palette, in no meaningful order. */
export const DELEGATION_PALETTE = [
  '#0099aa', // teal
  '#dd6644', // coral
  '#779922', // olive
  '#bb66bb', // orchid
  '#664400', // umber
  '#005533', // forest
  '#990033', // crimson
  '#6688ee', // periwinkle
  '#aa8855', // tan
  '#773377', // plum
  '#449977', // jade
  '#556600', // moss
] as const;

/** FNV-1a over the UTF-16 code units: small, and stable across processes and versions. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The colour of a delegation: the chair's colour for the chair, otherwise a stable hash of the
 * delegation's name (trimmed, case-folded) into the palette. Everyone speaking for a delegation
 * shares its colour. With more delegations than colours, two may share one; the name tells
 * them apart.
 */
export function delegationColour(delegation: string, role: ColourRole): string {
  if (role === 'chair') return CHAIR_COLOUR;
  const key = delegation.trim().toLocaleLowerCase('en');
  return DELEGATION_PALETTE[hash(key) % DELEGATION_PALETTE.length] ?? DELEGATION_PALETTE[0];
}

/**
 * Text colour for a label on `colour`: white where it reaches 4.5:1, dark ink otherwise.
 * Accepts `#rrggbb`; anything else gets white.
 */
export function labelInk(colour: string): string {
  const match = /^#([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})$/.exec(colour);
  if (!match) return '#ffffff';
  const [r, g, b] = [match[1], match[2], match[3]].map((hex) => {
    const c = Number.parseInt(hex ?? '0', 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // White text reaches 4.5:1 only on backgrounds darker than about 0.18 luminance.
  return luminance > 0.18 ? '#1d2530' : '#ffffff';
}

/** Muted, distinguishable colours for delegations, dark enough for white label text. */
const PALETTE = [
  '#2f5d8a', // slate blue
  '#8a3b3b', // brick
  '#3d7a5a', // moss
  '#7a5a2f', // umber
  '#5e4a8a', // heather
  '#2f7a7a', // teal
  '#8a4a6e', // plum
  '#5a6b2f', // olive
  '#4a5a6b', // graphite
  '#a0522d', // sienna
] as const;

/**
 * The colour of a delegation: a stable hash of its name into a restrained palette, so everyone
 * speaking for one delegation shares a colour on every screen.
 */
export function delegationColour(delegation: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < delegation.length; i++) hash = Math.imul(hash ^ delegation.charCodeAt(i), 0x01000193) >>> 0;
  return PALETTE[hash % PALETTE.length] ?? PALETTE[0];
}

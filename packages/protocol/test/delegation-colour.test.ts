import { describe, expect, it } from 'vitest';
import { CHAIR_COLOUR, DELEGATION_PALETTE, delegationColour, labelInk } from '../src/delegation-colour.js';

type Lab = readonly [number, number, number];

function linear(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function rgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((at) => linear(Number.parseInt(hex.slice(at, at + 2), 16))) as [number, number, number];
}

function luminance(hex: string): number {
  const [r, g, b] = rgb(hex);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** sRGB → CIELAB (D65). */
function lab(hex: string): Lab {
  const [r, g, b] = rgb(hex);
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

const rad = (degrees: number) => (degrees * Math.PI) / 180;

/** CIEDE2000 colour difference (Sharma, Wu and Dalal's formulation). */
function deltaE2000([L1, a1, b1]: Lab, [L2, a2, b2]: Lab): number {
  const meanC = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const G = 0.5 * (1 - Math.sqrt(meanC ** 7 / (meanC ** 7 + 25 ** 7)));
  const a1p = (1 + G) * a1;
  const a2p = (1 + G) * a2;
  const C1 = Math.hypot(a1p, b1);
  const C2 = Math.hypot(a2p, b2);
  const hue = (a: number, b: number) => (a === 0 && b === 0 ? 0 : ((Math.atan2(b, a) * 180) / Math.PI + 360) % 360);
  const h1 = hue(a1p, b1);
  const h2 = hue(a2p, b2);
  let dh = 0;
  if (C1 * C2 !== 0) dh = h2 - h1 > 180 ? h2 - h1 - 360 : h2 - h1 < -180 ? h2 - h1 + 360 : h2 - h1;
  const dH = 2 * Math.sqrt(C1 * C2) * Math.sin(rad(dh / 2));
  const meanL = (L1 + L2) / 2;
  const meanCp = (C1 + C2) / 2;
  let meanH = h1 + h2;
  if (C1 * C2 !== 0) meanH = Math.abs(h1 - h2) > 180 ? (h1 + h2 + 360) / 2 : (h1 + h2) / 2;
  const T =
    1 -
    0.17 * Math.cos(rad(meanH - 30)) +
    0.24 * Math.cos(rad(2 * meanH)) +
    0.32 * Math.cos(rad(3 * meanH + 6)) -
    0.2 * Math.cos(rad(4 * meanH - 63));
  const theta = 30 * Math.exp(-(((meanH - 275) / 25) ** 2));
  const Rc = 2 * Math.sqrt(meanCp ** 7 / (meanCp ** 7 + 25 ** 7));
  const Sl = 1 + (0.015 * (meanL - 50) ** 2) / Math.sqrt(20 + (meanL - 50) ** 2);
  const Sc = 1 + 0.045 * meanCp;
  const Sh = 1 + 0.015 * meanCp * T;
  const Rt = -Math.sin(rad(2 * theta)) * Rc;
  const dL = (L2 - L1) / Sl;
  const dC = (C2 - C1) / Sc;
  const dHs = dH / Sh;
  return Math.sqrt(dL ** 2 + dC ** 2 + dHs ** 2 + Rt * dC * dHs);
}

describe('delegation colours', () => {
  const all = [CHAIR_COLOUR, ...DELEGATION_PALETTE];

  it('keeps every two colours of the palette and the chair clearly apart (CIEDE2000 ≥ 18)', () => {
    // Sanity of the metric itself: a reference pair from Sharma, Wu and Dalal's test data.
    expect(deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 3);
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        const a = all[i] as string;
        const b = all[j] as string;
        expect(deltaE2000(lab(a), lab(b)), `${a} vs ${b}`).toBeGreaterThanOrEqual(18);
      }
    }
  });

  it('has no greys, and every colour reads as a caret on white (contrast ≥ 3:1)', () => {
    for (const colour of all) {
      const [, a, b] = lab(colour);
      expect(Math.hypot(a, b), colour).toBeGreaterThan(25);
      expect(1.05 / (luminance(colour) + 0.05), colour).toBeGreaterThanOrEqual(3);
    }
  });

  it('gives the chair its own colour, whatever the delegation says', () => {
    expect(delegationColour('Chair', 'chair')).toBe(CHAIR_COLOUR);
    expect(delegationColour('France', 'chair')).toBe(CHAIR_COLOUR);
    expect(delegationColour('France', 'delegate')).not.toBe(CHAIR_COLOUR);
    expect(DELEGATION_PALETTE).not.toContain(CHAIR_COLOUR);
  });

  it('is the same for a delegation whatever the role, case or spacing of its name', () => {
    const france = delegationColour('France', 'delegate');
    expect(delegationColour('France', 'observer')).toBe(france);
    expect(delegationColour(' france ', 'delegate')).toBe(france);
    expect(DELEGATION_PALETTE).toContain(france);
  });

  it('spreads a real room of delegations over most of the palette', () => {
    const room = ['France', 'Kenya', 'Brazil', 'Japan', 'Egypt', 'Canada', 'India', 'Mexico', 'Norway', 'Chile'];
    const colours = new Set(room.map((delegation) => delegationColour(delegation, 'delegate')));
    expect(colours.size).toBeGreaterThanOrEqual(6);
  });

  it('writes labels in white on dark colours and in dark ink on light ones', () => {
    expect(labelInk('#F0E442')).toBe('#1d2530');
    expect(labelInk('#56B4E9')).toBe('#1d2530');
    expect(labelInk('#0072B2')).toBe('#ffffff');
    expect(labelInk(CHAIR_COLOUR)).toBe('#ffffff');
    expect(labelInk('not a colour')).toBe('#ffffff');
  });
});

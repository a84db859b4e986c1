import { describe, expect, it } from 'vitest';
import { browserSection, replaceBrowserSection } from '../bench/browser-report.js';
import { type BrowserFigures, measureBrowser } from '../bench/browser-workload.js';

/** The browser workload at tiny size: every keystroke is seen rendered and every figure is produced. */
describe('browser bench (smoke)', () => {
  it('measures remote keystrokes in Chromium and the bundle size, and reports them', async () => {
    const figures: BrowserFigures = await measureBrowser({ pages: 2, keystrokes: 5 });
    expect(figures.keystrokes).toBe(5);
    expect(figures.clauses).toBe(18);
    for (const value of [figures.renderP50Ms, figures.renderP99Ms, figures.renderMaxMs]) {
      expect(Number.isFinite(value) && value >= 0).toBe(true);
    }
    expect(figures.bundleGzipBytes).toBeGreaterThan(10_000);

    const report = '# Benchmarks\n\n<!-- notes:start -->\nnotes\n<!-- notes:end -->\n';
    const once = replaceBrowserSection(report, browserSection(figures));
    const twice = replaceBrowserSection(once, browserSection(figures));
    expect(twice).toBe(once);
    expect(once.indexOf('## Browser budget')).toBeLessThan(once.indexOf('<!-- notes:end -->'));
    expect(once).toContain('remote keystroke render, p99');
  }, 180_000);
});

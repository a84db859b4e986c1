import { describe, expect, it } from 'vitest';
import { replaceSuggestionSection, suggestionSection } from '../bench/suggestion-report.js';
import { measureSuggestions } from '../bench/suggestion-workload.js';

/**
 * The suggestions workload at tiny size: every suggestion is recorded by the server, every
 * keystroke is seen rendered, the changes export carries every suggestion, accept-all leaves
 * every client with the same draft and no suggestion mark, and the figures are reported.
 */
describe('suggestions bench (smoke)', () => {
  it('measures keystrokes, the changes export and accept-all with open suggestions, and reports them', async () => {
    const figures = await measureSuggestions({
      pages: 2,
      delegations: 2,
      perDelegation: 3,
      keystrokes: 5,
      exportRuns: 1,
    });
    expect(figures.suggestions).toBe(6);
    expect(figures.clauses).toBe(18);
    expect(figures.keystrokes.keystrokes).toBe(5);
    for (const value of [figures.keystrokes.p50Ms, figures.keystrokes.p99Ms, figures.changesExport.medianMs]) {
      expect(Number.isFinite(value) && value >= 0).toBe(true);
    }
    expect(figures.changesExport.trackedBySuggesters).toBe(6);
    expect(figures.acceptAll).toMatchObject({ suggestions: 6, clients: 3, converged: true });
    expect(Number.isFinite(figures.acceptAll.reachedAllMs)).toBe(true);

    const report = '# Benchmarks\n\n<!-- notes:start -->\nnotes\n<!-- notes:end -->\n';
    const once = replaceSuggestionSection(report, suggestionSection(figures));
    expect(replaceSuggestionSection(once, suggestionSection(figures))).toBe(once);
    expect(once.indexOf('## Suggestions budget')).toBeLessThan(once.indexOf('<!-- notes:end -->'));
    expect(once).toContain('no reference figure');
  }, 180_000);
});

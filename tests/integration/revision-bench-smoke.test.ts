import { describe, expect, it } from 'vitest';
import { replaceRevisionSection, revisionSection } from '../bench/revision-report.js';
import { measureRevisions } from '../bench/revision-workload.js';

/**
 * The revisions workload at tiny size: two revisions around edits are compared and their
 * concordance exported, a revision of the start of the automerge-paper trace is issued, and
 * every figure is reported.
 */
describe('revisions bench (smoke)', () => {
  it('measures compare, the concordance and issuing a trace document, and reports them', async () => {
    const figures = await measureRevisions({ pages: 2, runs: 1, traceTxns: 500 });
    expect(figures.clauses).toBe(18);
    expect(figures.changedClauses).toBeGreaterThan(0);
    expect(figures.trace.txns).toBe(500);
    expect(figures.trace.characters).toBeGreaterThan(0);
    expect(figures.trace.stateBytes).toBeGreaterThan(0);
    for (const t of [figures.compare, figures.concordance, figures.trace.eventLoop, figures.trace.answered]) {
      for (const value of [t.medianMs, t.minMs, t.maxMs]) expect(Number.isFinite(value) && value >= 0).toBe(true);
    }

    const report = '# Benchmarks\n\n<!-- notes:start -->\nnotes\n<!-- notes:end -->\n';
    const once = replaceRevisionSection(report, revisionSection(figures));
    expect(replaceRevisionSection(once, revisionSection(figures))).toBe(once);
    expect(once.indexOf('## Revisions budget')).toBeLessThan(once.indexOf('<!-- notes:end -->'));
    for (const row of ['compare two 2-page revisions', 'concordance (html)', 'automerge-paper trace document'])
      expect(once).toContain(row);
  }, 180_000);
});

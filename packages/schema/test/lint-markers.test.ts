import { docFromJSON, type LintFinding, lintDocument, lintMarkers } from '@plenary/schema';
import { describe, expect, it } from 'vitest';
import { clause, draftJSON } from './fixtures.js';

describe('lint markers', () => {
  it('gives one marker per clause with its findings, worst severity and a description', () => {
    const doc = docFromJSON(
      draftJSON([clause('pp', 'p1', 'The value of space')], [clause('op', 'o1', 'Decides that States should act.')]),
    );
    const findings = lintDocument(doc);
    const markers = lintMarkers(findings, { labelAt: (pos) => (pos === 1 ? 'PP 1' : undefined) });
    expect(markers.map((m) => [m.clauseId, m.severity, m.findings.map((f) => f.code)])).toEqual([
      ['p1', 'warning', ['pp-opening', 'pp-ending']],
      ['o1', 'info', ['modal-verb']],
    ]);
    expect(markers[0]?.description).toBe(
      'PP 1: 2 drafting notes. A preambular paragraph opens with a participle or adjective ("Recognizing", "Mindful"). A preambular paragraph ends with a comma.',
    );
    expect(markers[1]?.description.startsWith('1 drafting note. "should"')).toBe(true);
  });

  it('leaves out findings below the floor and repeats of one finding', () => {
    const finding = (severity: LintFinding['severity'], pos: number): LintFinding => ({
      clauseId: 'x',
      pos,
      code: severity === 'info' ? 'modal-verb' : 'op-ending',
      message: severity,
      severity,
    });
    const markers = lintMarkers([finding('warning', 5), finding('warning', 5), finding('info', 9)], {
      minSeverity: 'warning',
    });
    expect(markers).toHaveLength(1);
    expect(markers[0]?.findings).toHaveLength(1);
  });
});

import type { LintFinding, LintSeverity } from './lint.js';

/** The findings of one clause (or heading), gathered for one margin marker. */
export interface LintMarker {
  /** Position of the clause (or text block) the findings are about. */
  readonly pos: number;
  readonly clauseId: string | null;
  /** The most serious severity among the findings. */
  readonly severity: LintSeverity;
  /** The findings in their order from `lintDocument`, duplicates (same code and message) once. */
  readonly findings: readonly LintFinding[];
  /** Everything a screen reader says for the marker: `"OP 2: 2 drafting notes. …"`. */
  readonly description: string;
}

const RANK: Readonly<Record<LintSeverity, number>> = { info: 0, warning: 1, error: 2 };

/** Options of {@link lintMarkers}. */
export interface LintMarkerOptions {
  /** Labels by position ("OP 2"), to name the clause in the description. */
  readonly labelAt?: (pos: number) => string | undefined;
  /** Leave out findings below this severity (default: keep all). */
  readonly minSeverity?: LintSeverity;
}

/**
 * Groups lint findings into one marker per clause position, in document order. The
 * description names the clause, counts the findings and lists their messages, so the marker
 * needs nothing else to be understood.
 */
export function lintMarkers(findings: readonly LintFinding[], options: LintMarkerOptions = {}): LintMarker[] {
  const floor = RANK[options.minSeverity ?? 'info'];
  const groups = new Map<number, LintFinding[]>();
  for (const finding of findings) {
    if (RANK[finding.severity] < floor) continue;
    const list = groups.get(finding.pos) ?? [];
    if (!list.some((f) => f.code === finding.code && f.message === finding.message)) list.push(finding);
    groups.set(finding.pos, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([pos, list]) => {
      const severity = list.reduce<LintSeverity>(
        (worst, f) => (RANK[f.severity] > RANK[worst] ? f.severity : worst),
        'info',
      );
      const label = options.labelAt?.(pos);
      const count = list.length === 1 ? '1 drafting note' : `${list.length} drafting notes`;
      const description = `${label ? `${label}: ` : ''}${count}. ${list.map((f) => f.message).join(' ')}`;
      return { pos, clauseId: list[0]?.clauseId ?? null, severity, findings: list, description };
    });
}

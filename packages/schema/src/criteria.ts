/**
 * The eight responsible-behaviour criteria (seeds/README.md) as tag ids. Clauses and templates
 * carry them; the coverage panel counts all eight. The order is the canonical display order.
 */
export const CRITERIA_TAGS = [
  'avoid-surprise',
  'respect-security',
  'avoid-provocation',
  'be-predictable',
  'avoid-miscalculation',
  'no-debris',
  'no-forced-manoeuvres',
  'no-interference',
] as const;

/** One criteria tag id. */
export type CriterionTag = (typeof CRITERIA_TAGS)[number];

/**
 * Human-readable description of each tag, phrased after the UNIDIR 2022 webinar report
 * (Panel 6): the first five are responsible behaviours, the last three the irresponsible
 * behaviours a norm should rule out.
 */
export const CRITERIA_LABELS: Readonly<Record<CriterionTag, string>> = {
  'avoid-surprise': 'Avoids surprise',
  'respect-security': 'Respects the security of others',
  'avoid-provocation': 'Avoids provocation of tensions',
  'be-predictable': 'Is predictable',
  'avoid-miscalculation': 'Avoids raising tensions and miscalculations',
  'no-debris': 'Does not create debris',
  'no-forced-manoeuvres': 'Does not force others into collision-avoidance manoeuvres',
  'no-interference': 'Does not interfere with the normal operation of space objects',
};

const TAG_SET: ReadonlySet<string> = new Set(CRITERIA_TAGS);

/** True when `value` is one of the eight tag ids (exact spelling, case-sensitive). */
export function isCriterionTag(value: unknown): value is CriterionTag {
  return typeof value === 'string' && TAG_SET.has(value);
}

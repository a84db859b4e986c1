import { blank, chairsSummary, draftResolution, workingGroupRecommendations } from './documents.js';
import { noAsatTests, noForcedManoeuvres, noInterference, rendezvousProximity } from './norms-restraint.js';
import {
  dueRegard,
  informationExchange,
  nationalPolicies,
  priorNotification,
  unplannedEncounters,
} from './norms-transparency.js';
import type { Template } from './types.js';

/** Every template, norms first, in the order the picker shows them. */
export const TEMPLATES: readonly Template[] = [
  priorNotification,
  nationalPolicies,
  rendezvousProximity,
  unplannedEncounters,
  noAsatTests,
  noForcedManoeuvres,
  noInterference,
  dueRegard,
  informationExchange,
  draftResolution,
  workingGroupRecommendations,
  chairsSummary,
  blank,
];

const BY_ID: ReadonlyMap<string, Template> = new Map(TEMPLATES.map((t) => [t.id, t]));

/** Thrown by {@link requireTemplate} for an id that names no template. */
export class UnknownTemplateError extends Error {
  override readonly name = 'UnknownTemplateError';
  constructor(readonly templateId: string) {
    super(`unknown template id ${JSON.stringify(templateId)}`);
  }
}

/** All templates (see {@link TEMPLATES}). */
export function listTemplates(): readonly Template[] {
  return TEMPLATES;
}

/** The template with `id`, or `undefined`. Lookup is exact; ids are lower-case. */
export function getTemplate(id: string): Template | undefined {
  return BY_ID.get(id);
}

/** The template with `id`; throws {@link UnknownTemplateError} naming the id otherwise. */
export function requireTemplate(id: string): Template {
  const template = BY_ID.get(id);
  if (!template) throw new UnknownTemplateError(id);
  return template;
}

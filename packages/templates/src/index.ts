export { type CriteriaCoverage, criteriaCoverage } from './coverage.js';
export { type CoverageClause, type CoverageEntry, coverageEntries } from './coverage-entries.js';
export { BLANK_TEMPLATE_ID, blank, chairsSummary, draftResolution, workingGroupRecommendations } from './documents.js';
export { type InsertionPoints, insertionPoints, insertTemplateAt } from './insert-at.js';
export { type InstantiateOptions, insertTemplate, instantiateTemplate } from './instantiate.js';
export { noAsatTests, noForcedManoeuvres, noInterference, rendezvousProximity } from './norms-restraint.js';
export {
  dueRegard,
  informationExchange,
  nationalPolicies,
  priorNotification,
  unplannedEncounters,
} from './norms-transparency.js';
export { getTemplate, listTemplates, requireTemplate, TEMPLATES, UnknownTemplateError } from './registry.js';
export { createRoomDoc, DraftNotEmptyError, type FillDraftOptions, fillDraft } from './room-doc.js';
export type { Template, TemplateKind, TemplateSource } from './types.js';

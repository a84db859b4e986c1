export { type ClauseAttrs, MAX_LABEL_LENGTH, readClauseAttrs, readLabel, readTags, writeTags } from './attrs.js';
export { type ChangedRange, changedRange, changedWithinOneTextblock } from './changed-range.js';
export { type ClauseInfo, clauseFormulations, clauseTextNode, listClauses } from './clauses.js';
export {
  type AnchorInput,
  type AnchorState,
  clauseElements,
  clauseIdOf,
  clauseTexts,
  decodeAnchorPosition,
  encodeAnchorPosition,
  findClauseElement,
  type ResolvedAnchor,
  resolveAnchor,
} from './comment-anchor.js';
export {
  type CommentSegment,
  cleanCommentBody,
  commentSegments,
  MAX_COMMENT_LENGTH,
  mentionsDelegation,
  parseMentions,
} from './comment-text.js';
export { CRITERIA_LABELS, CRITERIA_TAGS, type CriterionTag, isCriterionTag } from './criteria.js';
export { FORMAL_REFUSALS, formalRefusal } from './formal-rules.js';
export { docFromJSON, emptyDoc } from './from-json.js';
export { ALLOWED_LINK_SCHEMES, MAX_HREF_LENGTH, safeHref } from './href.js';
export { clauseIdPlugin, clauseIdPluginKey, isChangeOrigin } from './id-plugin.js';
export {
  applyIdRepairs,
  decideIdRepairs,
  type FindIdRepairsOptions,
  findIdRepairs,
  ID_NODE_NAMES,
  type IdCandidate,
  type IdRepair,
  type IdRepairOptions,
  idRepairTransaction,
  type OrderKey,
} from './id-repair.js';
export { derivedId, ID_PATTERN, newId, readId } from './ids.js';
export type { MarkJSON, NodeJSON } from './json.js';
export { findingsByClause, type LintCode, type LintFinding, type LintSeverity, lintDocument } from './lint.js';
export { type LintMarker, type LintMarkerOptions, lintMarkers } from './lint-markers.js';
export { OPERATIVE_VERBS } from './lint-words.js';
export { LOCK_REFUSALS, lockRefusal } from './lock-guard.js';
export {
  type ClauseNumber,
  clauseLabels,
  type FrozenNumbers,
  frozenNumbers,
  type NumberingOptions,
  numberClauses,
} from './numbering.js';
export { type OpeningPart, openingPhraseLength } from './opening-phrase.js';
export { LATIN_SUFFIXES, latinSuffix, letter, roman } from './ordinals.js';
export { withoutOthersMarks } from './others-marks.js';
export {
  draftOutline,
  excerptOf,
  OUTLINE_EXCERPT_WORDS,
  type OutlineEntry,
  outlineEntryAt,
  reuseOutlineEntries,
  sameOutlineLine,
} from './outline.js';
export { adjacentPlaceholder, findPlaceholders, type PlaceholderRange, type SelectionRange } from './placeholders.js';
export {
  type AlternativesView,
  type BracketView,
  type ClauseView,
  type OptionView,
  type PositionInputs,
  type PositionsView,
  positionSummary,
  positionsView,
  reusePositionsView,
  type StanceInput,
  type StanceView,
} from './positions-view.js';
export {
  CLAUSE_NODE_NAMES,
  type ClauseNodeName,
  isClauseNodeName,
  MARK_NAMES,
  type MarkName,
  markNameOfKey,
  NODE_NAMES,
  type NodeName,
  schema,
} from './schema.js';
export {
  CLAUSE_STATUSES,
  type ClauseStatus,
  DEFAULT_STATUS,
  isLockedStatus,
  LOCKED_STATUSES,
  readStatus,
} from './status.js';
export {
  FORMAT_REFUSAL,
  STRUCTURE_REFUSAL,
  type SuggestAuthor,
  type SuggestOutcome,
  suggestionIdOf,
  suggestTransaction,
} from './suggest-changes.js';
export { DRAFT_FRAGMENT, SCHEMA_VERSION } from './version.js';
export {
  bindingOrderKey,
  findFragmentIdRepairs,
  mappingOrderKey,
  type ProsemirrorMapping,
  repairFragmentIds,
  syncPluginState,
  type YTypeLike,
  yItemKey,
} from './y-order-key.js';
export { docFromFragment, readFragmentJSON } from './y-reader.js';

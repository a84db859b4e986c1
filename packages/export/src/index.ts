export { AKN_NAMESPACE, writeAkn } from './akn.js';
export { changeTokens, type EditAuthor, EditIndex, type ExportEdit, type SuggestedText } from './change-authors.js';
export { slideChangeSpaces, slideModelSpaces } from './change-spaces.js';
export type { CommentNotes, ExportComment, ExportCommentMessage } from './comments.js';
export {
  type ClauseChange,
  type ComparedClause,
  type ComparedText,
  type CompareOptions,
  type Comparison,
  compareDrafts,
  concordanceLine,
} from './comparison.js';
export {
  type ConcordanceInput,
  changeWords,
  writeConcordanceDocx,
  writeConcordanceHtml,
  writeConcordanceMarkdown,
} from './concordance.js';
export { documentDate, type ExportContext, type ExportRoom } from './context.js';
export { diffBlocks, diffModels, diffRuns } from './diff.js';
export { OPERATIVE_NUMBERING, writeDocx } from './docx.js';
export { type ExportOptions, type ExportResult, exportDraft, UnsupportedExportError } from './export.js';
export { exportFileName, safeFileNamePart } from './filename.js';
export {
  CONTENT_TYPES,
  EXPORT_FORMATS,
  EXPORT_MODES,
  type ExportFormat,
  type ExportMode,
  FORMAT_MODES,
  isExportFormat,
  isExportMode,
  supportsMode,
} from './formats.js';
export { writeHtml } from './html.js';
export { type ChainEntry, documentHash, JSON_EXPORT_FORMAT, JSON_EXPORT_VERSION, writeJson } from './json.js';
export { escapeMarkdown, writeMarkdown } from './markdown.js';
export {
  type Block,
  buildModel,
  type Change,
  type ClauseBlock,
  type DraftModel,
  type Formulation,
  type Run,
  type RunRole,
  statusLabel,
  type TextBlock,
} from './model.js';
export { writePdf } from './pdf.js';
export { type ExportPositions, type PositionEntry, type PositionIndex, positionIndex } from './positions.js';
export { canonicalRevision, RevisionHashError, type RevisionHashFields, revisionHash } from './revision-hash.js';
export {
  type ExportSuggestion,
  type RunSuggestion,
  type SuggestionAuthor,
  type SuggestionIndex,
  suggestionIndex,
  UNATTRIBUTED,
} from './suggestions.js';
export { VerifyInputError, type VerifyReport, verifyExport } from './verify.js';
export { cleanText, escapeHtml, escapeXml } from './xml-text.js';

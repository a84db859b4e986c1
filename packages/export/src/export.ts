import { docFromJSON, type FrozenNumbers, type NodeJSON } from '@plenary/schema';
import { writeAkn } from './akn.js';
import { EditIndex, type ExportEdit, type SuggestedText } from './change-authors.js';
import { slideModelSpaces } from './change-spaces.js';
import { commentNotes, type ExportComment } from './comments.js';
import { compareDrafts } from './comparison.js';
import {
  type ConcordanceInput,
  writeConcordanceDocx,
  writeConcordanceHtml,
  writeConcordanceMarkdown,
} from './concordance.js';
import { cleanRoom, type ExportContext, type ExportRoom } from './context.js';
import { diffModels } from './diff.js';
import { writeDocx } from './docx.js';
import { exportFileName } from './filename.js';
import { CONTENT_TYPES, type ExportFormat, type ExportMode, FORMAT_MODES, supportsMode } from './formats.js';
import { writeHtml } from './html.js';
import { type ChainEntry, writeJson } from './json.js';
import { writeMarkdown } from './markdown.js';
import { buildModel, type DraftModel } from './model.js';
import { writePdf } from './pdf.js';
import { type ExportPositions, positionIndex } from './positions.js';
import { type ExportSuggestion, suggestionIndex } from './suggestions.js';

/** Options of {@link exportDraft}. */
export interface ExportOptions {
  readonly mode: ExportMode;
  /** The document date, also used for every metadata timestamp (pass it in: output is deterministic). */
  readonly date: Date;
  /** Changes mode: the earlier version to compare with (schema JSON). Required for changes. */
  readonly against?: NodeJSON;
  /**
   * Author of the tracked changes against `against` that neither a suggestion nor an edit of
   * `edits` accounts for; defaults to "Plenary". Suggestions are authored by their delegations
   * (`suggestions`).
   */
  readonly author?: string;
  /**
   * Changes mode: the edits of the room's provenance log between `against` and the exported
   * version, each the words one author added to or took from one clause. The DOCX signs each
   * tracked change with the author of the edit that made it, dated when it was made.
   */
  readonly edits?: readonly ExportEdit[];
  /** The revision exported (for the file name and AKN identification); `null` for the current draft. */
  readonly revision?: string | null;
  /**
   * Comment threads the reader may see. Written in compilation (notes; Word comments in DOCX)
   * and changes (Word comments in DOCX, notes elsewhere) modes; ignored in the others.
   */
  readonly comments?: readonly ExportComment[];
  /**
   * The room's suggestion records. Compilation and changes modes attribute each suggestion mark
   * to the open record of its id (a mark without one is shown "unattributed"); in changes mode
   * the DOCX writes open suggestions as Word tracked changes by their delegation, dated when
   * they were made. Clean and agreed modes never apply open suggestions.
   */
  readonly suggestions?: readonly ExportSuggestion[];
  /**
   * The room's position records: compilation and changes modes tag each bracket and alternative
   * with the delegation that proposed it and note the stances on it; agreed mode keeps the
   * alternative the chair picked. Without them brackets and alternatives are "unattributed".
   */
  readonly positions?: ExportPositions;
  /** Concordance mode: the names of the two versions ("Rev.1", "Rev.2"); default "earlier" and "current". */
  readonly againstName?: string;
  readonly revisionName?: string;
  /** Concordance mode: the frozen numbering of each version, so labels read as they did then. */
  readonly againstNumbers?: FrozenNumbers;
  readonly revisionNumbers?: FrozenNumbers;
  /**
   * JSON export of a revision: the room's revisions up to it, oldest first, each with its
   * document and hash, so `plenary verify` can check the chain from the file alone.
   */
  readonly chain?: readonly ChainEntry[];
}

/** An export ready to send or write. */
export interface ExportResult {
  readonly body: Uint8Array;
  readonly contentType: string;
  readonly fileName: string;
}

/** A format/mode combination that is not supported, or a missing input; maps to HTTP 400. */
export class UnsupportedExportError extends Error {
  override readonly name = 'UnsupportedExportError';
}

const encoder = new TextEncoder();

/**
 * Exports a draft. `doc` is the schema JSON of the draft (`docFromFragment(...).toJSON()` or
 * `readFragmentJSON(...)` of a copy); it is repaired into the schema with `docFromJSON`, never
 * changed. Throws {@link UnsupportedExportError} for a mode the format does not support (see
 * `FORMAT_MODES`), for changes mode without `against`, and for an invalid date. Pure apart
 * from reading the bundled PDF font: no network, same input → same bytes.
 */
export async function exportDraft(
  format: ExportFormat,
  doc: NodeJSON,
  room: ExportRoom,
  options: ExportOptions,
): Promise<ExportResult> {
  const { mode } = options;
  if (!supportsMode(format, mode))
    throw new UnsupportedExportError(
      `format "${format}" does not support mode "${mode}" (it supports ${FORMAT_MODES[format].join(', ')})`,
    );
  if (!(options.date instanceof Date) || Number.isNaN(options.date.getTime()))
    throw new UnsupportedExportError('date must be a valid Date');
  if ((mode === 'changes' || mode === 'concordance') && !options.against)
    throw new UnsupportedExportError(`${mode} mode needs an earlier version to compare with`);
  if (mode === 'concordance' && options.against) return exportConcordance(format, doc, room, options, options.against);
  const node = docFromJSON(doc);
  const suggestions = suggestionIndex(options.suggestions);
  const positions = positionIndex(node, options.positions);
  let model = buildModel(node, mode, suggestions, positions);
  let earlier: DraftModel | null = null;
  if (mode === 'changes' && options.against) {
    const earlierDoc = docFromJSON(options.against);
    earlier = buildModel(earlierDoc, mode, suggestions, positionIndex(earlierDoc, options.positions));
    model = diffModels(earlier, model);
  }
  // Spaces a change shares with the text around it stay outside it (docs/EXPORT.md, changes).
  if (mode === 'compilation' || mode === 'changes') model = slideModelSpaces(model);
  const ctx: ExportContext = {
    room: cleanRoom(room),
    mode,
    date: options.date,
    doc: node,
    json: node.toJSON() as NodeJSON,
    model,
    positions,
    earlier,
    author: options.author?.trim() || 'Plenary',
    edits: mode === 'changes' ? new EditIndex(options.edits, suggestedTexts(model)) : new EditIndex(),
    revision: options.revision ?? null,
    notes: commentNotes(options.comments, model, mode),
    chain: options.chain ?? null,
  };
  const body = await write(format, ctx);
  return {
    body,
    contentType: CONTENT_TYPES[format],
    fileName: exportFileName(ctx.room, ctx.revision, mode, format),
  };
}

/** The concordance table of `doc` against `against` in html, md or docx. */
async function exportConcordance(
  format: ExportFormat,
  doc: NodeJSON,
  room: ExportRoom,
  options: ExportOptions,
  against: NodeJSON,
): Promise<ExportResult> {
  const clean = cleanRoom(room);
  const input: ConcordanceInput = {
    title: clean.title,
    symbol: clean.symbol,
    fromName: options.againstName?.trim() || 'earlier',
    toName: options.revisionName?.trim() || 'current',
    date: options.date,
    comparison: compareDrafts(against, doc, {
      ...(options.againstNumbers ? { fromNumbers: options.againstNumbers } : {}),
      ...(options.revisionNumbers ? { toNumbers: options.revisionNumbers } : {}),
      suggestions: suggestionIndex(options.suggestions),
    }),
  };
  let body: Uint8Array;
  if (format === 'docx') body = await writeConcordanceDocx(input);
  else if (format === 'html') body = encoder.encode(writeConcordanceHtml(input));
  else if (format === 'md') body = encoder.encode(writeConcordanceMarkdown(input));
  else throw new UnsupportedExportError(`format "${format}" does not support mode "concordance"`);
  return {
    body,
    contentType: CONTENT_TYPES[format],
    fileName: exportFileName(clean, options.revision ?? null, 'concordance', format),
  };
}

async function write(format: ExportFormat, ctx: ExportContext): Promise<Uint8Array> {
  switch (format) {
    case 'docx':
      return writeDocx(ctx);
    case 'pdf':
      return writePdf(ctx);
    case 'html':
      return encoder.encode(writeHtml(ctx));
    case 'md':
      return encoder.encode(writeMarkdown(ctx));
    case 'akn':
      return encoder.encode(writeAkn(ctx));
    case 'json':
      return encoder.encode(writeJson(ctx));
  }
}

/** The text each open suggestion inserted since the earlier version, by clause, for {@link EditIndex}. */
function suggestedTexts(model: DraftModel): SuggestedText[] {
  const out: SuggestedText[] = [];
  for (const block of [...model.preamble, ...model.operative]) {
    if (block.kind !== 'clause' || !block.id) continue;
    for (const formulation of block.formulations)
      for (const run of formulation.runs)
        if (run.change === 'ins' && run.suggestion?.kind === 'insertion' && run.suggestion.by)
          out.push({ clauseId: block.id, text: run.text, delegation: run.suggestion.by.delegation });
  }
  return out;
}

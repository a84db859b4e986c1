import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExportComment, ExportResult } from '@plenary/export';
import {
  type ExportFormat,
  type ExportMode,
  FORMAT_MODES,
  isExportFormat,
  isExportMode,
} from '@plenary/export/formats';
import { DRAFT_FRAGMENT, docFromFragment, type NodeJSON } from '@plenary/schema';
import type * as Y from 'yjs';
import { mayReadThread } from './comments/comment-rules.js';
import { readCurrentDraft, readUpdates } from './current-draft.js';
import { draftUnavailable, HttpError } from './errors.js';
import type { RoomRegistry } from './rooms.js';
import type { RoomRecord, Storage } from './storage/storage.js';
import { exportSuggestions } from './suggestions/suggestion-export.js';
import type { Identity } from './tokens.js';

/** The one earlier version that exists until revisions land: the template seed ("zero draft"). */
type Exporters = typeof import('@plenary/export');
let exporters: Promise<Exporters> | null = null;

/**
 * The exporters (docx, PDF with its fonts, …), loaded on the first export rather than at start:
 * serving rooms does not need them, and they are a large part of a fresh process's memory.
 */
function loadExporters(): Promise<Exporters> {
  exporters ??= import('@plenary/export');
  return exporters;
}

export const ZERO_REVISION = 'zero';

/** A `revision` or `against` value that names no stored version; maps to 404. */
export class RevisionNotFoundError extends Error {
  override readonly name = 'RevisionNotFoundError';
}

/** Reads a Y.Doc's draft as schema JSON; it only reads the document. */
function draftJSON(doc: Y.Doc): NodeJSON {
  return docFromFragment(doc.getXmlFragment(DRAFT_FRAGMENT)).toJSON() as NodeJSON;
}

/**
 * The draft at a named version. Only `zero` exists until revisions land: the template seed,
 * which is the room's first stored update when the room was created from a template.
 * Throws {@link RevisionNotFoundError} otherwise.
 */
export async function readRevisionDraft(storage: Storage, record: RoomRecord, revision: string): Promise<NodeJSON> {
  if (revision !== ZERO_REVISION || !record.template)
    throw new RevisionNotFoundError(`revision not found: ${JSON.stringify(revision.slice(0, 64))}`);
  const [seed] = await storage.readUpdates(record.id, 0, 1).catch((error: unknown) => {
    throw draftUnavailable(error);
  });
  if (!seed) throw new RevisionNotFoundError('revision not found: the room has no template seed');
  try {
    return readUpdates([seed.update], draftJSON);
  } catch (error) {
    throw draftUnavailable(error);
  }
}

/** What to export: format, mode and the optional versions. */
export interface ExportRequest {
  readonly format: ExportFormat;
  readonly mode: ExportMode;
  readonly revision: string | null;
  readonly against: string | null;
  /** Document date; defaults to now. */
  readonly date?: Date;
  /**
   * Whose export it is: comments are included only as this reader may see them (a private
   * thread only for its own delegation). Without one (the CLI), only room-wide threads.
   */
  readonly viewer?: Identity | null;
}

/** The comment threads `viewer` may read, for the annotated export modes; deleted messages left out. */
async function exportComments(storage: Storage, room: string, viewer: Identity | null): Promise<ExportComment[]> {
  const threads = await storage.listCommentThreads(room);
  return threads
    .filter((thread) => mayReadThread(viewer, thread))
    .map((thread) => ({
      clauseId: thread.clauseId,
      quote: thread.quote,
      status: thread.status,
      visibility: thread.visibility,
      delegation: thread.delegation,
      messages: thread.messages
        .filter((m) => !m.deleted)
        .map((m) => ({
          author: m.name === m.delegation ? m.delegation : `${m.delegation} (${m.name})`,
          body: m.body,
          createdAt: m.createdAt,
        })),
    }));
}

/**
 * Exports a room's draft (current, or a named revision) in one format and mode, reading
 * copies only. Shared by the HTTP route and the CLI. The annotated modes (compilation, changes)
 * get the comments the viewer may read and the room's suggestion records, which attribute each
 * suggestion mark to its delegation. Throws `UnsupportedExportError` (400),
 * {@link RevisionNotFoundError} (404) and storage errors.
 */
export async function exportRoom(
  storage: Storage,
  rooms: RoomRegistry | null,
  record: RoomRecord,
  request: ExportRequest,
): Promise<ExportResult> {
  const { exportDraft, UnsupportedExportError } = await loadExporters();
  if (request.mode === 'changes' && !request.against)
    throw new UnsupportedExportError('mode "changes" needs against=zero (the zero draft is the only earlier version)');
  const doc = request.revision
    ? await readRevisionDraft(storage, record, request.revision)
    : await readCurrentDraft(storage, rooms, record.id, draftJSON);
  const against = request.against ? await readRevisionDraft(storage, record, request.against) : undefined;
  const annotated = request.mode === 'compilation' || request.mode === 'changes';
  const comments = annotated ? await exportComments(storage, record.id, request.viewer ?? null) : [];
  const suggestions = annotated ? await exportSuggestions(storage, rooms, record.id) : [];
  return exportDraft(
    request.format,
    doc,
    { title: record.title, symbol: record.symbol },
    {
      mode: request.mode,
      date: request.date ?? new Date(),
      revision: request.revision,
      comments,
      suggestions,
      ...(against ? { against } : {}),
    },
  );
}

/** Reads and checks the query of an export request; 400 names the offending value. */
export function parseExportQuery(query: URLSearchParams): ExportRequest {
  const format = query.get('format');
  if (!isExportFormat(format))
    throw new HttpError(
      400,
      'unsupported_format',
      `format must be one of docx, pdf, html, md, akn, json; got ${JSON.stringify(format ?? '')}`,
    );
  const mode = query.get('mode') ?? 'clean';
  if (!isExportMode(mode))
    throw new HttpError(
      400,
      'unsupported_mode',
      `mode must be one of clean, compilation, changes, agreed; got ${JSON.stringify(mode.slice(0, 64))}`,
    );
  if (!FORMAT_MODES[format].includes(mode))
    throw new HttpError(400, 'unsupported_mode', `format ${format} supports modes ${FORMAT_MODES[format].join(', ')}`);
  return { format, mode, revision: query.get('revision') || null, against: query.get('against') || null };
}

/**
 * `GET /api/rooms/<room>/export?format=&mode=&revision=&against=`: the caller's token is
 * already checked for the room. Observers export what the room's `observerExports` setting
 * allows (`clean` by default, `all`, or `none`). 404 for an unknown
 * room or revision, 400 for an unsupported format or mode.
 */
export async function handleExport(
  request: IncomingMessage,
  response: ServerResponse,
  deps: { readonly storage: Storage; readonly rooms: RoomRegistry },
  identity: Identity,
  record: RoomRecord | null,
): Promise<void> {
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
  const parsed = parseExportQuery(query);
  if (!record) throw new HttpError(404, 'room_not_found', 'room not found');
  if (identity.role === 'observer') {
    // What observers may export is a room setting (default: the clean text).
    const { observerExports } = await deps.storage.getRoomSettings(record.id);
    if (observerExports === 'none') throw new HttpError(403, 'observer_export', 'observers may not export this room');
    if (observerExports === 'clean' && parsed.mode !== 'clean') {
      throw new HttpError(403, 'observer_export', 'observers may only export mode=clean');
    }
  }
  const { UnsupportedExportError } = await loadExporters();
  let result: ExportResult;
  try {
    result = await exportRoom(deps.storage, deps.rooms, record, { ...parsed, viewer: identity });
  } catch (error) {
    if (error instanceof RevisionNotFoundError) throw new HttpError(404, 'revision_not_found', error.message);
    if (error instanceof UnsupportedExportError) throw new HttpError(400, 'unsupported_export', error.message);
    throw error;
  }
  response.writeHead(200, {
    'content-type': result.contentType,
    'content-length': String(result.body.byteLength),
    // The file name is ASCII-safe by construction (exportFileName).
    'content-disposition': `attachment; filename="${result.fileName}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  });
  response.end(result.body);
}

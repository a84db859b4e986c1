import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChainEntry, ExportComment, ExportPositions, ExportResult } from '@plenary/export';
import {
  type ExportFormat,
  type ExportMode,
  FORMAT_MODES,
  isExportFormat,
  isExportMode,
} from '@plenary/export/formats';
import { DRAFT_FRAGMENT, docFromFragment, type NodeJSON } from '@plenary/schema';
import type * as Y from 'yjs';
import { type LogPoint, provenanceEdits } from './change-provenance.js';
import { mayReadThread } from './comments/comment-rules.js';
import { readCurrentDraft, readUpdates } from './current-draft.js';
import { draftUnavailable, HttpError } from './errors.js';
import { readRevision } from './revisions/revision-document.js';
import type { RoomRegistry } from './rooms.js';
import type { RoomRecord, Storage } from './storage/storage.js';
import { exportSuggestions } from './suggestions/suggestion-export.js';
import type { Identity } from './tokens.js';

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

/** The template seed ("zero draft") as a version name. */
export const ZERO_REVISION = 'zero';

/** A `revision` or `against` value that names no stored version; maps to 404. */
export class RevisionNotFoundError extends Error {
  override readonly name = 'RevisionNotFoundError';
}

/** Reads a Y.Doc's draft as schema JSON; it only reads the document. */
function draftJSON(doc: Y.Doc): NodeJSON {
  return docFromFragment(doc.getXmlFragment(DRAFT_FRAGMENT)).toJSON() as NodeJSON;
}

/** A version of the draft to export or compare with: its document, name and numbering. */
export interface DraftVersion {
  readonly document: NodeJSON;
  /** How exports name it ("Rev.1", "Zero draft", "Current draft"). */
  readonly name: string;
  /** Its frozen numbering map, for a stored revision. */
  readonly numbers?: Readonly<Record<string, string>>;
  /** For a stored revision: the chain of revisions up to it, for the JSON export. */
  readonly chain?: readonly ChainEntry[];
  /** Where the version sits in the room's update log, to read the edits between two versions. */
  readonly point: LogPoint;
}

/** The template seed ("zero draft"): the room's first stored update when created from a template. */
async function zeroDraft(storage: Storage, record: RoomRecord): Promise<DraftVersion> {
  if (!record.template) throw new RevisionNotFoundError('revision not found: the room has no template seed');
  const [seed] = await storage.readUpdates(record.id, 0, 1).catch((error: unknown) => {
    throw draftUnavailable(error);
  });
  if (!seed) throw new RevisionNotFoundError('revision not found: the room has no template seed');
  try {
    return { document: readUpdates([seed.update], draftJSON), name: 'Zero draft (template)', point: { kind: 'zero' } };
  } catch (error) {
    throw draftUnavailable(error);
  }
}

/**
 * The draft at a named version: `zero` (the template seed) or the id of a revision the chair
 * issued; with `withChain`, also the chain of revisions up to it (for the JSON export). Throws
 * {@link RevisionNotFoundError} for an unknown version, and 503 `revision_unavailable` when the
 * revision (or, with the chain, one before it) is damaged.
 */
export async function readVersion(
  storage: Storage,
  record: RoomRecord,
  revision: string,
  withChain = false,
): Promise<DraftVersion> {
  if (revision === ZERO_REVISION && record.template) return zeroDraft(storage, record);
  const summaries = await storage.listRevisions(record.id);
  const index = summaries.findIndex((r) => r.id === revision);
  if (index === -1) throw new RevisionNotFoundError(`revision not found: ${JSON.stringify(revision.slice(0, 64))}`);
  const chain: ChainEntry[] = [];
  let last: Awaited<ReturnType<typeof readRevision>> | null = null;
  for (const summary of withChain ? summaries.slice(0, index + 1) : [summaries[index]]) {
    if (!summary) continue;
    last = await readRevision(storage, record.id, summary.id);
    chain.push({
      id: last.record.id,
      label: last.record.label,
      issuedAt: new Date(last.record.issuedAt).toISOString(),
      prevHash: last.record.prevHash,
      hash: last.record.hash,
      document: last.document,
    });
  }
  if (!last) throw new RevisionNotFoundError(`revision not found: ${JSON.stringify(revision.slice(0, 64))}`);
  return {
    document: last.document,
    name: last.record.label,
    numbers: last.record.numbers,
    point: { kind: 'state', state: last.record.state },
    ...(withChain ? { chain } : {}),
  };
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
 * The room's position records (who proposed each bracket and alternative, the stances, the
 * status log, the picks): the live room's when it is loaded, otherwise the stored ones (the CLI
 * passes no registry).
 */
async function exportPositions(storage: Storage, rooms: RoomRegistry | null, room: string): Promise<ExportPositions> {
  const loaded = rooms ? await rooms.peek(room) : null;
  return loaded ? loaded.positions.records() : storage.listPositions(room);
}

/**
 * Exports a room's draft (current, or a named revision) in one format and mode, reading
 * copies only. Shared by the HTTP route and the CLI. The annotated modes (compilation, changes)
 * get the comments the viewer may read and the room's suggestion records, which attribute each
 * suggestion mark to its delegation; every mode gets the room's position records (the annotated
 * modes tag brackets and alternatives with their proposers and note the stances, agreed keeps the
 * picked alternative). Throws `UnsupportedExportError` (400),
 * {@link RevisionNotFoundError} (404) and storage errors.
 */
export async function exportRoom(
  storage: Storage,
  rooms: RoomRegistry | null,
  record: RoomRecord,
  request: ExportRequest,
): Promise<ExportResult> {
  const { exportDraft, UnsupportedExportError } = await loadExporters();
  if ((request.mode === 'changes' || request.mode === 'concordance') && !request.against)
    throw new UnsupportedExportError(
      `mode "${request.mode}" needs against=<revision id> (or against=zero, the template the room started from)`,
    );
  const version: DraftVersion = request.revision
    ? await readVersion(storage, record, request.revision, request.format === 'json')
    : {
        document: await readCurrentDraft(storage, rooms, record.id, draftJSON),
        name: 'Current draft',
        point: { kind: 'end' as const },
      };
  const against = request.against ? await readVersion(storage, record, request.against) : undefined;
  const doc = version.document;
  const annotated = request.mode === 'compilation' || request.mode === 'changes';
  const comments = annotated ? await exportComments(storage, record.id, request.viewer ?? null) : [];
  const suggestions = annotated ? await exportSuggestions(storage, rooms, record.id) : [];
  const positions = await exportPositions(storage, rooms, record.id);
  // Who made each change between the versions, from the provenance log.
  const edits =
    request.mode === 'changes' && against
      ? await provenanceEdits(storage, record.id, against.point, version.point).catch((error: unknown) => {
          throw draftUnavailable(error);
        })
      : [];
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
      positions,
      edits,
      revisionName: version.name,
      ...(version.numbers ? { revisionNumbers: version.numbers } : {}),
      ...(version.chain ? { chain: version.chain } : {}),
      ...(against
        ? {
            against: against.document,
            againstName: against.name,
            ...(against.numbers ? { againstNumbers: against.numbers } : {}),
          }
        : {}),
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
      `mode must be one of clean, compilation, changes, agreed, concordance; got ${JSON.stringify(mode.slice(0, 64))}`,
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

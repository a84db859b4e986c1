import type { NodeJSON } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import type { EditIndex } from './change-authors.js';
import type { CommentNotes } from './comments.js';
import type { ExportMode } from './formats.js';
import type { ChainEntry } from './json.js';
import type { DraftModel } from './model.js';
import type { PositionIndex } from './positions.js';
import { cleanText } from './xml-text.js';

/** The room record an export is made for. Only these fields are read. */
export interface ExportRoom {
  readonly title: string;
  /** Document symbol such as `A/AC.294/2026/WP.1`. */
  readonly symbol?: string | null;
  /** Negotiation stage shown in the header ("Zero draft", "Rev.1"). */
  readonly stage?: string | null;
}

/** Everything a format writer needs, already read, cleaned and numbered. */
export interface ExportContext {
  readonly room: { readonly title: string; readonly symbol: string | null; readonly stage: string | null };
  readonly mode: ExportMode;
  /** The document date (also every metadata timestamp, so output is deterministic). */
  readonly date: Date;
  /** The schema document, a repaired copy of the input. */
  readonly doc: PMNode;
  /** The schema JSON of {@link doc}. */
  readonly json: NodeJSON;
  readonly model: DraftModel;
  /** The exported document's positions, from the room's records (who proposed each bracket and alternative). */
  readonly positions: PositionIndex;
  /** Changes mode: the earlier version's model the view compares with (Word's moves need it); null otherwise. */
  readonly earlier: DraftModel | null;
  /**
   * Author of the tracked changes against the earlier version (changes mode) that no suggestion
   * accounts for; suggestions carry their own author on their runs.
   */
  readonly author: string;
  /** Changes mode: the provenance log's edits between the two versions, which sign the changes. */
  readonly edits: EditIndex;
  /** The revision exported, or `null` for the current draft. */
  readonly revision: string | null;
  /** Comment threads to write as notes (compilation) or Word comments (changes); empty otherwise. */
  readonly notes: CommentNotes;
  /** JSON export of a revision: the revision chain up to it (see `json.ts`); null otherwise. */
  readonly chain: readonly ChainEntry[] | null;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A date as UN documents write it: `15 March 2026` (UTC). */
export function documentDate(date: Date): string {
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** A date as `YYYY-MM-DD` (UTC). */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A date as a W3C timestamp without milliseconds: `2026-03-15T00:00:00Z`. */
export function isoSecond(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** The room record with every string cleaned (`cleanText`) and empty values as `null`. */
export function cleanRoom(room: ExportRoom): ExportContext['room'] {
  const opt = (value: string | null | undefined): string | null => {
    const cleaned = typeof value === 'string' ? cleanText(value).trim() : '';
    return cleaned.length > 0 ? cleaned : null;
  };
  return { title: opt(room.title) ?? 'Untitled draft', symbol: opt(room.symbol), stage: opt(room.stage) };
}

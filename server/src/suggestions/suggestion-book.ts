import type { SuggestionKind, SuggestionRecord } from '@plenary/protocol';
import { clauseIdOf, DRAFT_FRAGMENT } from '@plenary/schema';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { RoomMember } from '../room-member.js';
import type { Storage } from '../storage/storage.js';
import type { Identity } from '../tokens.js';
import { isRemoved, type MarkSpan, markSpans, textsUnder } from './suggestion-marks.js';
import { pushSuggestions } from './suggestion-push.js';

/** What a room's suggestion records need: where they are stored and whom they are pushed to. */
export interface SuggestionBookDeps {
  readonly room: string;
  readonly storage: Storage;
  readonly logger: Logger;
  readonly members: ReadonlySet<RoomMember>;
  /** Told of every batch of records once stored and pushed (the cluster publishes it). */
  readonly onStored?: (records: readonly SuggestionRecord[]) => void;
}

/** One stretch of the live document under a suggestion's mark. */
export interface PlacedSpan extends MarkSpan {
  readonly target: Y.XmlText;
}

/**
 * A room's suggestion records (DESIGN §4 "suggestions") and where their marks sit in the live
 * document. A record is created when a write first brings in a mark id, attributed to the
 * author of that write (the delegation and person of the connection whose bound client ids
 * wrote it), never to anything written in the document; later writes keep its text and clause
 * current, looking only at the texts the write changed. Changed records are stored, then pushed
 * (message 106), one batch at a time in order.
 *
 * Mark ids found in the document without a record (written before records were kept, or whose
 * record was lost) are unattributed: nobody may write them again, and no write ever claims them.
 */
export class SuggestionBook {
  private readonly records = new Map<string, SuggestionRecord>();
  /** Mark id → the texts it appears in; built from the whole draft on first use. */
  private index: Map<string, Set<Y.XmlText>> | null = null;
  /** Text → the mark ids it held when last read. */
  private textIds = new WeakMap<Y.XmlText, Set<string>>();
  private readonly unattributed = new Set<string>();
  private readonly dirty = new Set<string>();
  private flushScheduled = false;
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: SuggestionBookDeps,
    stored: readonly SuggestionRecord[],
  ) {
    for (const record of stored) this.records.set(record.id, record);
  }

  /** Every record, oldest first. */
  list(): SuggestionRecord[] {
    return [...this.records.values()].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  }

  /** The record of mark id `id`, if any. */
  get(id: string): SuggestionRecord | undefined {
    return this.records.get(id);
  }

  /** Forgets where marks sit (the room replaced its document); rebuilt on next use. */
  resetIndex(): void {
    this.index = null;
    this.textIds = new WeakMap();
  }

  /** Whether mark id `id` is `delegation`'s own: recorded for it (`written` ids are the writer's). */
  isOwn(id: string, delegation: string, written: ReadonlyMap<string, SuggestionKind>): boolean {
    const record = this.records.get(id);
    if (record) return record.delegation === delegation;
    return written.has(id) && !this.unattributed.has(id);
  }

  /**
   * Checks the mark ids a write brings in (`written`): a reason to refuse when one is recorded as
   * the other kind; null when it may go ahead. Naming another delegation's (or an unattributed)
   * id is not refused here: Yjs writes the formatting in effect back after text typed inside a
   * suggestion, so typing inside another delegation's suggestion names its id. What the write
   * does with it, whether that delegation's marks come to cover more text, is checked once it is
   * applied (`mark-coverage.ts`). A written id never changes who a record is attributed to.
   */
  checkWritten(doc: Y.Doc, written: ReadonlyMap<string, SuggestionKind>): string | null {
    if (written.size === 0) return null;
    this.ensureIndex(doc);
    for (const [id, kind] of written) {
      const record = this.records.get(id);
      if (record && record.kind !== kind)
        return `suggestion ${id} is a${kind === 'insertion' ? ' deletion' : 'n insertion'}`;
    }
    return null;
  }

  /**
   * Brings the records up to date after a write applied to `doc`: records for the new ids in
   * `written` (attributed to `writer`), the text and clause of every id in the texts `changed`
   * touched; an open suggestion whose marks the author's own write removed is withdrawn. With
   * `writer` null (the server's own write) nothing new is attributed and no status changes.
   */
  noteWrite(
    doc: Y.Doc,
    writer: Identity | null,
    written: ReadonlyMap<string, SuggestionKind>,
    changed: Iterable<object>,
    /**
     * The write was stored by another process of the cluster (docs/SCALING.md): `written` does
     * not list the marks it brings in, so its changed texts are always read.
     */
    remote = false,
  ): void {
    const index = this.ensureIndex(doc);
    // A write in a draft without suggestion marks that brings none in changes no record: the
    // common keystroke reads no text here.
    if (!remote && written.size === 0 && ![...index.values()].some((texts) => texts.size > 0)) return;
    const affected = new Set<string>();
    let structural = false;
    for (const type of changed) {
      if (type instanceof Y.XmlText) this.reindex(type, index, affected);
      else structural = true;
    }
    if (structural) {
      // A removed element takes its texts along without changing them: drop those.
      for (const [id, texts] of index) {
        for (const text of texts) {
          if (!isRemoved(text)) continue;
          texts.delete(text);
          affected.add(id);
        }
      }
    }
    const now = Date.now();
    for (const [id, kind] of written) {
      if (this.records.has(id) || this.unattributed.has(id) || !writer) continue;
      const spans = this.placedSpans(id);
      this.records.set(id, {
        id,
        kind,
        delegation: writer.delegation,
        person: writer.person,
        clauseId: clauseOf(spans),
        text: textOf(spans),
        createdAt: now,
        status: 'open',
      });
      this.dirty.add(id);
      affected.delete(id);
    }
    for (const id of affected) {
      const record = this.records.get(id);
      if (!record) {
        if (!written.has(id)) this.unattributed.add(id);
        continue;
      }
      const spans = this.placedSpans(id);
      let next: SuggestionRecord;
      if (spans.length === 0) {
        if (record.status !== 'open' || !writer || writer.delegation !== record.delegation) continue;
        next = { ...record, status: 'withdrawn', decidedBy: record.delegation, decidedAt: now };
      } else {
        next = { ...record, text: textOf(spans), clauseId: clauseOf(spans) || record.clauseId };
      }
      if (next.text === record.text && next.clauseId === record.clauseId && next.status === record.status) continue;
      this.records.set(id, next);
      this.dirty.add(id);
    }
    this.scheduleFlush();
  }

  /** Records a decision (accept, reject, withdraw) on `id`; stored and pushed with the next flush. */
  decide(id: string, status: Exclude<SuggestionRecord['status'], 'open'>, by: string): SuggestionRecord {
    const record = this.records.get(id);
    if (!record) throw new Error(`no suggestion ${id}`);
    const next: SuggestionRecord = { ...record, status, decidedBy: by, decidedAt: Date.now() };
    this.records.set(id, next);
    this.dirty.add(id);
    this.scheduleFlush();
    return next;
  }

  /** Where the marks of `id` sit in `doc` (the live document) now, in the order their texts were found. */
  spansIn(doc: Y.Doc, id: string): PlacedSpan[] {
    this.ensureIndex(doc);
    return this.placedSpans(id);
  }

  /**
   * Whether a mark of `id` sits in clause `clauseId` of `doc` (the live document) now: in its
   * own text, the innermost clause holding it, as a record's `clauseId` is read. A suggestion
   * spanning clauses (a deletion across two) touches each of them, though its record names only
   * the first.
   */
  touchesClause(doc: Y.Doc, id: string, clauseId: string): boolean {
    return this.spansIn(doc, id).some((span) => clauseIdOf(span.target) === clauseId);
  }

  private placedSpans(id: string): PlacedSpan[] {
    const texts = this.index?.get(id);
    if (!texts) return [];
    const spans: PlacedSpan[] = [];
    for (const target of texts) {
      if (isRemoved(target)) continue;
      for (const span of markSpans(target)) if (span.id === id) spans.push({ ...span, target });
    }
    return spans;
  }

  /** Resolves once every change noted so far is stored and pushed. */
  settled(): Promise<void> {
    return this.tail;
  }

  private ensureIndex(doc: Y.Doc): Map<string, Set<Y.XmlText>> {
    if (this.index) return this.index;
    const index = new Map<string, Set<Y.XmlText>>();
    this.index = index;
    for (const text of textsUnder(doc.getXmlFragment(DRAFT_FRAGMENT))) {
      const ids = new Set<string>();
      for (const span of markSpans(text)) {
        ids.add(span.id);
        if (!this.records.has(span.id)) this.unattributed.add(span.id);
      }
      for (const id of ids) addTo(index, id, text);
      this.textIds.set(text, ids);
    }
    return index;
  }

  /** Re-reads the marks of one changed text, noting every id that appeared or disappeared in it. */
  private reindex(text: Y.XmlText, index: Map<string, Set<Y.XmlText>>, affected: Set<string>): void {
    const before = this.textIds.get(text) ?? new Set<string>();
    const now = new Set(isRemoved(text) ? [] : markSpans(text).map((span) => span.id));
    for (const id of before) {
      if (!now.has(id)) index.get(id)?.delete(text);
      affected.add(id);
    }
    for (const id of now) {
      addTo(index, id, text);
      affected.add(id);
    }
    this.textIds.set(text, now);
  }

  private scheduleFlush(): void {
    if (this.dirty.size === 0 || this.flushScheduled) return;
    this.flushScheduled = true;
    this.tail = this.tail.then(() => this.flush());
  }

  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const batch = [...this.dirty].flatMap((id) => {
      const record = this.records.get(id);
      return record ? [record] : [];
    });
    this.dirty.clear();
    if (batch.length === 0) return;
    try {
      await this.deps.storage.putSuggestions(this.deps.room, batch);
    } catch (error) {
      this.deps.logger.error({ room: this.deps.room, err: error }, 'storing suggestion records failed');
      for (const record of batch) this.dirty.add(record.id);
      return;
    }
    pushSuggestions(this.deps.members, batch);
    this.deps.onStored?.(batch);
  }

  /**
   * Takes records another process stored (it applied the writes they come from) and pushes them
   * to this process's members; a record this process is about to store itself stays as it is.
   */
  adopt(records: readonly SuggestionRecord[]): void {
    const taken = records.filter((record) => !this.dirty.has(record.id));
    for (const record of taken) {
      this.records.set(record.id, record);
      this.unattributed.delete(record.id);
    }
    pushSuggestions(this.deps.members, taken);
  }
}

function addTo(index: Map<string, Set<Y.XmlText>>, id: string, text: Y.XmlText): void {
  const texts = index.get(id);
  if (texts) texts.add(text);
  else index.set(id, new Set([text]));
}

function textOf(spans: readonly PlacedSpan[]): string {
  return spans.map((span) => span.text).join('');
}

function clauseOf(spans: readonly PlacedSpan[]): string {
  for (const span of spans) {
    const clause = clauseIdOf(span.target);
    if (clause) return clause;
  }
  return '';
}

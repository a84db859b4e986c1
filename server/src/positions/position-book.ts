import type {
  ClauseStatusRecord,
  PickRecord,
  PositionRecords,
  ProposalRecord,
  ProposalStatus,
  StanceRecord,
} from '@plenary/protocol';
import { clauseIdOf, markNameOfKey, readId } from '@plenary/schema';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { DecodedStructs } from '../draft-rules.js';
import type { RoomMember } from '../room-member.js';
import type { PositionChanges, Storage } from '../storage/storage.js';
import type { Identity } from '../tokens.js';
import { isClauseElement } from './clause-locks.js';
import { pushPositions } from './position-push.js';

/** What a room's position records need: where they are stored and whom they are pushed to. */
export interface PositionBookDeps {
  readonly room: string;
  readonly storage: Storage;
  readonly logger: Logger;
  readonly members: ReadonlySet<RoomMember>;
  /** Told of every batch of changes once stored and pushed (the cluster publishes it). */
  readonly onStored?: (changes: PositionChanges) => void;
}

/** Whether (part of) an item is new: its clock at or past the writer's clock before the write. */
export type IsNewItem = (item: Y.Item) => boolean;

/** The document's item for a decoded struct, once applied (null when it is not in the document). */
function integrated(doc: Y.Doc, decoded: Y.Item): Y.Item | null {
  if (Y.getState(doc.store, decoded.id.client) <= decoded.id.clock) return null;
  const item = Y.getItem(doc.store, decoded.id);
  return item instanceof Y.Item ? item : null;
}

function stanceKey(target: string, delegation: string): string {
  return `${target}\u0000${delegation}`;
}

/**
 * A room's position records (see `docs/DESIGN.md`, "bracket", "alternative", "status"): who
 * proposed each bracket and alternative (recorded when a write first brings its id in, from
 * the writing connection, never from the document), each delegation's stance, every clause
 * status change, the chair's picks and the frozen numbering. Changes are stored, then pushed
 * (message 107), one batch at a time in order.
 */
export class PositionBook {
  private readonly proposals = new Map<string, ProposalRecord>();
  private readonly stances = new Map<string, StanceRecord>();
  private readonly statuses: ClauseStatusRecord[] = [];
  private readonly picks = new Map<string, PickRecord>();
  private frozen: Readonly<Record<string, string>> | null;
  private pending: {
    proposals: Map<string, ProposalRecord>;
    stances: Map<string, StanceRecord>;
    statuses: ClauseStatusRecord[];
    picks: Map<string, PickRecord>;
    frozen: boolean;
  } = PositionBook.emptyPending();
  private flushScheduled = false;
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: PositionBookDeps,
    stored: PositionRecords,
  ) {
    for (const record of stored.proposals) this.proposals.set(record.id, record);
    for (const record of stored.stances) this.stances.set(stanceKey(record.target, record.delegation), record);
    this.statuses.push(...stored.statuses);
    for (const record of stored.picks) this.picks.set(record.id, record);
    this.frozen = stored.frozen;
  }

  private static emptyPending() {
    return {
      proposals: new Map<string, ProposalRecord>(),
      stances: new Map<string, StanceRecord>(),
      statuses: [] as ClauseStatusRecord[],
      picks: new Map<string, PickRecord>(),
      frozen: false,
    };
  }

  /** Every record of the room. */
  records(): PositionRecords {
    return {
      proposals: [...this.proposals.values()].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)),
      stances: [...this.stances.values()].sort((a, b) => a.at - b.at),
      statuses: [...this.statuses],
      picks: [...this.picks.values()],
      frozen: this.frozen,
    };
  }

  /** The proposal record of `id`, if any. */
  proposal(id: string): ProposalRecord | undefined {
    return this.proposals.get(id);
  }

  /** The latest status change of each clause, by clause id. */
  latestStatuses(): Map<string, ClauseStatusRecord> {
    const latest = new Map<string, ClauseStatusRecord>();
    for (const record of this.statuses) latest.set(record.clauseId, record);
    return latest;
  }

  /** The stances taken on `target`, oldest first. */
  stancesOn(target: string): StanceRecord[] {
    return [...this.stances.values()].filter((s) => s.target === target).sort((a, b) => a.at - b.at);
  }

  /** The frozen numbering, or null when numbers are not frozen. */
  frozenNumbers(): Readonly<Record<string, string>> | null {
    return this.frozen;
  }

  /**
   * Records what a write applied to `doc` (its decoded `structs`) proposed: each bracket id it brings in for the first
   * time and each alternative it adds, attributed to `writer`. The first alternative of an
   * `alternatives` node the same write creates is the clause's existing text, proposed by
   * nobody. A clause status the chair wrote directly is logged. The server's own writes
   * (`writer` null) propose nothing.
   */
  noteWrite(doc: Y.Doc, writer: Identity | null, structs: DecodedStructs, isNew: IsNewItem): void {
    if (!writer) return;
    const now = Date.now();
    for (const decoded of structs) {
      if (!(decoded instanceof Y.Item) || !isNew(decoded)) continue;
      // The decoded struct is not the document's: read the item the apply integrated.
      const struct = integrated(doc, decoded);
      if (!struct || struct.deleted) continue;
      const content = struct.content;
      const parent = struct.parent;
      if (content instanceof Y.ContentFormat && markNameOfKey(content.key) === 'bracket') {
        const id = readId((content.value as { id?: unknown } | null)?.id);
        if (!id || this.proposals.has(id) || !(parent instanceof Y.AbstractType)) continue;
        this.propose({ id, kind: 'bracket', clauseId: clauseIdOf(parent) ?? '', groupId: null }, writer, now);
      } else if (content instanceof Y.ContentType && content.type instanceof Y.XmlElement) {
        const element = content.type;
        if (element.nodeName !== 'alternative') continue;
        const id = readId(element.getAttribute('id'));
        const group = element.parent instanceof Y.XmlElement ? element.parent : null;
        if (!id || !group || this.proposals.has(id)) continue;
        const groupItem = group._item;
        const original = groupItem !== null && isNew(groupItem) && group.get(0) === element;
        if (original) continue;
        const groupId = readId(group.getAttribute('id'));
        this.propose({ id, kind: 'option', clauseId: clauseIdOf(group) ?? '', groupId }, writer, now);
      } else if (writer.role === 'chair' && struct.parentSub === 'status' && isClauseElement(parent)) {
        const clauseId = readId(parent.getAttribute('id'));
        const value = content instanceof Y.ContentAny ? content.arr[0] : undefined;
        if (clauseId && typeof value === 'string') this.logStatus(clauseId, value, 'Chair');
      }
    }
    this.scheduleFlush();
  }

  private propose(
    fields: Pick<ProposalRecord, 'id' | 'kind' | 'clauseId' | 'groupId'>,
    writer: Identity,
    now: number,
  ): void {
    const record: ProposalRecord = {
      ...fields,
      proposedBy: writer.delegation,
      person: writer.person,
      createdAt: now,
      status: 'open',
    };
    this.proposals.set(record.id, record);
    this.pending.proposals.set(record.id, record);
  }

  /** Records `delegation`'s stance on `target`, replacing its earlier one. */
  setStance(record: StanceRecord): void {
    this.stances.set(stanceKey(record.target, record.delegation), record);
    this.pending.stances.set(stanceKey(record.target, record.delegation), record);
    this.scheduleFlush();
  }

  /** Logs a status change of a clause. */
  logStatus(clauseId: string, status: string, by: string): ClauseStatusRecord {
    const record: ClauseStatusRecord = { clauseId, status, statusBy: by, statusAt: Date.now() };
    this.statuses.push(record);
    this.pending.statuses.push(record);
    this.scheduleFlush();
    return record;
  }

  /** Records a decision on a proposal (a bracket removed, an alternative picked or discarded). */
  decide(
    id: string,
    fields: Omit<ProposalRecord, 'id' | 'proposedBy' | 'person' | 'createdAt' | 'status'>,
    status: ProposalStatus,
    by: string,
  ): void {
    const known = this.proposals.get(id);
    const now = Date.now();
    // A proposal written before records were kept has none: it is recorded as proposed by nobody.
    const record: ProposalRecord = {
      ...(known ?? { id, proposedBy: '', person: null, createdAt: now }),
      ...fields,
      id,
      status,
      decidedBy: by,
      decidedAt: now,
    };
    this.proposals.set(id, record);
    this.pending.proposals.set(id, record);
    this.scheduleFlush();
  }

  /** Records the chair's pick among a clause's alternatives. */
  pick(record: PickRecord): void {
    this.picks.set(record.id, record);
    this.pending.picks.set(record.id, record);
    this.scheduleFlush();
  }

  /** Freezes numbering at `numbers`, or unfreezes it with null. */
  setFrozen(numbers: Readonly<Record<string, string>> | null): void {
    this.frozen = numbers;
    this.pending.frozen = true;
    this.scheduleFlush();
  }

  /** Resolves once every change noted so far is stored and pushed. */
  settled(): Promise<void> {
    return this.tail;
  }

  private scheduleFlush(): void {
    const p = this.pending;
    const empty = p.proposals.size + p.stances.size + p.statuses.length + p.picks.size === 0 && !p.frozen;
    if (empty || this.flushScheduled) return;
    this.flushScheduled = true;
    this.tail = this.tail.then(() => this.flush());
  }

  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = PositionBook.emptyPending();
    const changes: PositionChanges = {
      proposals: [...batch.proposals.values()],
      stances: [...batch.stances.values()],
      statuses: batch.statuses,
      picks: [...batch.picks.values()],
      ...(batch.frozen ? { frozen: this.frozen } : {}),
    };
    try {
      await this.deps.storage.putPositions(this.deps.room, changes);
    } catch (error) {
      this.deps.logger.error({ room: this.deps.room, err: error }, 'storing position records failed');
      // Kept for the next flush: nothing recorded is dropped.
      for (const [key, value] of batch.proposals)
        if (!this.pending.proposals.has(key)) this.pending.proposals.set(key, value);
      for (const [key, value] of batch.stances)
        if (!this.pending.stances.has(key)) this.pending.stances.set(key, value);
      this.pending.statuses.unshift(...batch.statuses);
      for (const [key, value] of batch.picks) if (!this.pending.picks.has(key)) this.pending.picks.set(key, value);
      this.pending.frozen ||= batch.frozen;
      return;
    }
    pushPositions(this.deps.members, {
      proposals: changes.proposals ?? [],
      stances: changes.stances ?? [],
      statuses: changes.statuses ?? [],
      picks: changes.picks ?? [],
      frozen: this.frozen,
    });
    this.deps.onStored?.(changes);
  }

  /**
   * Takes in changes another server process of the cluster stored (docs/SCALING.md) and pushes
   * them to this process's members; records this process has not stored yet keep its own.
   */
  adopt(changes: PositionChanges): void {
    const p = this.pending;
    const proposals = (changes.proposals ?? []).filter((r) => !p.proposals.has(r.id));
    const stances = (changes.stances ?? []).filter((r) => !p.stances.has(stanceKey(r.target, r.delegation)));
    const picks = (changes.picks ?? []).filter((r) => !p.picks.has(r.id));
    const known = new Set(this.statuses.map(statusKey));
    const statuses = (changes.statuses ?? []).filter((r) => !known.has(statusKey(r)));
    for (const record of proposals) this.proposals.set(record.id, record);
    for (const record of stances) this.stances.set(stanceKey(record.target, record.delegation), record);
    for (const record of picks) this.picks.set(record.id, record);
    if (statuses.length > 0) {
      this.statuses.push(...statuses);
      this.statuses.sort((a, b) => a.statusAt - b.statusAt);
    }
    if (changes.frozen !== undefined && !p.frozen) this.frozen = changes.frozen;
    pushPositions(this.deps.members, { proposals, stances, statuses, picks, frozen: this.frozen });
  }
}

function statusKey(record: ClauseStatusRecord): string {
  return `${record.clauseId}\u0000${record.status}\u0000${record.statusBy}\u0000${record.statusAt}`;
}

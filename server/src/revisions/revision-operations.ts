import { type Comparison, compareDrafts, revisionHash } from '@plenary/export';
import { DRAFT_FRAGMENT, docFromFragment, type FrozenNumbers, frozenNumbers, type NodeJSON } from '@plenary/schema';
import * as Y from 'yjs';
import { z } from 'zod';
import { requireChair, updateSettings } from '../chair-operations.js';
import { readCurrentDraft } from '../current-draft.js';
import { HttpError } from '../errors.js';
import { issuerOf } from '../invite.js';
import { freezeNumbering } from '../positions/position-operations.js';
import { withRoom } from '../room-task.js';
import type { RoomRegistry } from '../rooms.js';
import type { RevisionRecord, Storage } from '../storage/storage.js';
import type { Identity } from '../tokens.js';
import { draftOf, type RevisionAnswer, readRevision, revisionAnswer } from './revision-document.js';
import { MAX_NOTE_LENGTH, nextLabel, readLabel, sameLabel } from './revision-label.js';
import { restoreDraft } from './revision-restore.js';

/** What revision operations need: storage for the records, the registry for the live room. */
export interface RevisionDeps {
  readonly storage: Storage;
  readonly rooms: RoomRegistry;
}

/** `to=live` in a comparison: the live draft. */
export const LIVE = 'live';

/** Arguments of issuing: the label is checked by `readLabel` (400 `invalid_label`). */
export const IssueRevisionSchema = z
  .object({
    label: z.unknown().optional(),
    note: z.string().trim().max(MAX_NOTE_LENGTH).nullable().optional(),
  })
  .strict();

const RevisionIdText = z.string().min(1).max(64);

/** Arguments naming one revision. */
export const RevisionIdSchema = z.object({ id: RevisionIdText }).strict();

/** Arguments of a comparison: `from` a revision id, `to` a revision id or `live` (the default). */
export const CompareSchema = z.object({ from: RevisionIdText, to: RevisionIdText.default(LIVE) }).strict();

/** The list answer: every revision in issue order, and the label to suggest for the next. */
export async function listRevisions(
  deps: RevisionDeps,
  room: string,
): Promise<{ revisions: RevisionAnswer[]; nextLabel: string }> {
  const revisions = await deps.storage.listRevisions(room);
  return { revisions: revisions.map(revisionAnswer), nextLabel: nextLabel(revisions.map((r) => r.label)) };
}

/**
 * Issues a revision (chair only): the full encoded state cut once nothing applied is pending,
 * with its label, note, time, issuer, its numbering map and the hash chaining it to the
 * previous revision. When numbering is frozen (docs/DESIGN.md, "room settings"), the map is the
 * draft numbered by the room's frozen numbering from its position records, so every clause
 * keeps the number delegates saw ("5 bis" included); the revision is stored, then numbering is
 * unfrozen. 400 `invalid_label`, 409 `duplicate_label` (case ignored).
 */
export function issueRevision(
  deps: RevisionDeps,
  identity: Identity,
  room: string,
  args: z.infer<typeof IssueRevisionSchema>,
): Promise<RevisionAnswer> {
  requireChair(identity, 'issue revisions');
  const label = readLabel(args.label);
  return withRoom(deps.rooms, room, async (loaded) => {
    const [existing, settings] = await Promise.all([
      deps.storage.listRevisions(room),
      deps.storage.getRoomSettings(room),
    ]);
    if (existing.some((r) => sameLabel(r.label, label)))
      throw new HttpError(409, 'duplicate_label', `a revision is already labelled ${JSON.stringify(label)}`);
    const previous = existing[existing.length - 1] ?? null;
    const frozen = loaded.positions.frozenNumbers();
    const wasFrozen = settings.numberingFrozen || frozen !== null;
    const state = await loaded.settledState();
    // Read right after the cut, with no await in between: the document is the state's.
    const node = docFromFragment(loaded.doc.getXmlFragment(DRAFT_FRAGMENT));
    const document = node.toJSON() as NodeJSON;
    const issuedAt = Date.now();
    const prevHash = previous?.hash ?? null;
    const seq = (previous?.seq ?? 0) + 1;
    const record: RevisionRecord = {
      id: `rev-${seq}`,
      seq,
      label,
      note: args.note || null,
      issuedAt,
      issuedBy: issuerOf(identity),
      hash: revisionHash({ document, label, issuedAt: new Date(issuedAt).toISOString(), prevHash }),
      prevHash,
      state,
      numbers: Object.fromEntries(frozenNumbers(node, frozen !== null ? { frozen } : {})),
      numberingWasFrozen: wasFrozen,
    };
    await deps.storage.addRevision(room, record);
    if (settings.numberingFrozen) await updateSettings(deps, identity, room, { numberingFrozen: false });
    else if (frozen !== null) await freezeNumbering(deps, room, false);
    return revisionAnswer(record);
  });
}

/**
 * The room's frozen numbering from its position records (the loaded room's, which may hold a
 * change not stored yet, else the stored ones), or undefined when numbers are not frozen.
 */
async function frozenMapOf(deps: RevisionDeps, room: string): Promise<FrozenNumbers | undefined> {
  const loaded = await deps.rooms.peek(room);
  const frozen = loaded ? loaded.positions.frozenNumbers() : (await deps.storage.listPositions(room)).frozen;
  return frozen ?? undefined;
}

/** One revision with its document (schema JSON) and its numbering map; 404, or 503 for a damaged one. */
export async function getRevision(deps: RevisionDeps, room: string, id: string) {
  const { record, document } = await readRevision(deps.storage, room, id);
  return { revision: { ...revisionAnswer(record), numbers: record.numbers, document } };
}

/** One side of a comparison: its name, draft and numbering. */
interface Side {
  readonly id: string;
  readonly label: string;
  readonly document: NodeJSON;
  readonly numbers?: FrozenNumbers;
}

async function sideOf(deps: RevisionDeps, room: string, id: string): Promise<Side> {
  if (id !== LIVE) {
    const { record, document } = await readRevision(deps.storage, room, id);
    return { id, label: record.label, document, numbers: record.numbers };
  }
  const document = await readCurrentDraft(deps.storage, deps.rooms, room, draftOf);
  const numbers = await frozenMapOf(deps, room);
  return { id: LIVE, label: 'Current draft', document, ...(numbers ? { numbers } : {}) };
}

/**
 * Compares revision `from` with revision `to` or the live draft, clause by clause on clause ids
 * (`compareDrafts`). 404 for an unknown revision, 503 for a damaged one.
 */
export async function compareRevisions(
  deps: RevisionDeps,
  room: string,
  args: z.infer<typeof CompareSchema>,
): Promise<{ from: { id: string; label: string }; to: { id: string; label: string } } & Comparison> {
  if (args.from === LIVE) throw new HttpError(400, 'invalid_request', 'from: a revision id (only to may be live)');
  const from = await sideOf(deps, room, args.from);
  const to = await sideOf(deps, room, args.to);
  const comparison = compareDrafts(from.document, to.document, {
    ...(from.numbers ? { fromNumbers: from.numbers } : {}),
    ...(to.numbers ? { toNumbers: to.numbers } : {}),
  });
  return { from: { id: from.id, label: from.label }, to: { id: to.id, label: to.label }, clauses: comparison.clauses };
}

/**
 * Restores revision `id` as a new forward change to the live draft (chair only): the server
 * rewrites the draft clause by clause to read as the revision (`restoreDraft`), stored under the
 * chair's provenance before anyone receives it; history is never rewritten. Resolves with the
 * revision and the ids of the clauses changed.
 */
export function restoreRevision(
  deps: RevisionDeps,
  identity: Identity,
  room: string,
  id: string,
): Promise<{ restored: RevisionAnswer; clauses: string[] }> {
  requireChair(identity, 'restore revisions');
  return withRoom(deps.rooms, room, async (loaded) => {
    const { record } = await readRevision(deps.storage, room, id);
    const target = new Y.Doc({ gc: true });
    try {
      Y.applyUpdate(target, record.state);
      let changed: Set<string> = new Set();
      await loaded.applyServerChange(
        `restore ${record.id}`,
        { delegation: 'Chair', person: identity.person, time: Date.now() },
        (doc) => {
          changed = restoreDraft(doc.getXmlFragment(DRAFT_FRAGMENT), target.getXmlFragment(DRAFT_FRAGMENT)).clauses;
        },
      );
      return { restored: revisionAnswer(record), clauses: [...changed] };
    } finally {
      target.destroy();
    }
  });
}

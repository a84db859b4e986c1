import { type PositionInputs, positionSummary, positionsView, type StanceView } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import { UNATTRIBUTED } from './suggestions.js';
import { cleanText } from './xml-text.js';

/**
 * The room's position records as exports read them: who proposed each bracket and alternative,
 * the delegations' stances, the clause status log, the chair's picks and the frozen numbering
 * (the server's records, a structural subset of `PositionRecords` in `@plenary/protocol`).
 */
export interface ExportPositions extends PositionInputs {
  readonly picks: readonly { readonly id: string; readonly option: string }[];
}

/** What the records say about one bracket or alternative of the exported document. */
export interface PositionEntry {
  /** The proposing delegation, or null when no record names one. */
  readonly proposedBy: string | null;
  readonly stances: readonly StanceView[];
  /** The words it holds (a bracket's text, nested brackets included; an alternative's text). */
  readonly text: string;
}

/** The positions of one document, by bracket or alternative id, and the chair's picks. */
export interface PositionIndex {
  /** A bracket's or alternative's entry, or undefined when the document does not hold it. */
  entry(id: string): PositionEntry | undefined;
  /** The alternative the chair picked in the alternatives `groupId`, or null. */
  picked(groupId: string): string | null;
  /** The chair's frozen numbering (clause id → own number) while frozen, else null. */
  readonly frozen: Readonly<Record<string, string>> | null;
}

const EMPTY: ExportPositions = { proposals: [], stances: [], statuses: [], picks: [], frozen: null };

function cleanEntry(proposedBy: string | null, stances: readonly StanceView[], text: string): PositionEntry {
  return {
    text: cleanText(text),
    proposedBy: proposedBy === null ? null : cleanText(proposedBy),
    stances: stances.map((s) => ({ ...s, delegation: cleanText(s.delegation) })),
  };
}

/**
 * Indexes the positions of `doc` from the room's records through `positionsView` (DESIGN §3: who
 * proposed and who stands where come from the server's records, never from the document).
 */
export function positionIndex(doc: PMNode, positions: ExportPositions = EMPTY): PositionIndex {
  const view = positionsView(doc, positions);
  const entries = new Map<string, PositionEntry>();
  for (const bracket of view.brackets)
    entries.set(bracket.id, cleanEntry(bracket.proposedBy, bracket.stances, bracket.text));
  for (const group of view.alternatives)
    for (const option of group.options)
      entries.set(option.id, cleanEntry(option.proposedBy, option.stances, option.text));
  const picks = new Map(positions.picks.map((p) => [p.id, p.option]));
  return {
    entry: (id) => entries.get(id),
    picked: (groupId) => picks.get(groupId) ?? null,
    frozen: positions.frozen,
  };
}

/** The tag compilation exports write after a bracket or beside an alternative: its proposer. */
export function proposerTag(entry: PositionEntry | undefined): string {
  return entry?.proposedBy ?? UNATTRIBUTED;
}

/**
 * "Proposed by Brazil; supported by Kenya; opposed by France" for an entry with stances, else
 * "" (its proposer alone is already in its tag).
 */
export function stanceSummary(entry: PositionEntry | undefined): string {
  if (!entry || entry.stances.length === 0) return '';
  return positionSummary(entry.proposedBy, entry.stances);
}

/** Bracketed text as a position note quotes it: in brackets, shortened past 60 characters. */
export function quoteBracket(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `[${flat.length > 60 ? `${flat.slice(0, 59).trimEnd()}…` : flat}]`;
}

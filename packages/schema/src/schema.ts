import { Schema } from 'prosemirror-model';
import { marks } from './marks.js';
import { nodes } from './nodes.js';

/** The ProseMirror schema of a normative document (layout version {@link SCHEMA_VERSION}). */
export const schema = new Schema({ nodes, marks });

/** Name of a node type of {@link schema}. */
export type NodeName = keyof typeof nodes;
/** Name of a mark type of {@link schema}. */
export type MarkName = keyof typeof marks;

/**
 * Every node name. The server refuses updates that put any other element name into `draft`
 * (`text` is listed for completeness: in Yjs text lives in `Y.XmlText`, not an element).
 */
export const NODE_NAMES: readonly NodeName[] = Object.keys(nodes) as NodeName[];

/**
 * Every mark name. In `Y.XmlText` formatting keys a mark may carry a `--<8 chars>` hash suffix
 * (overlapping marks such as `bracket`); compare with {@link markNameOfKey}.
 */
export const MARK_NAMES: readonly MarkName[] = Object.keys(marks) as MarkName[];

/** The clause node names, outermost first. */
export const CLAUSE_NODE_NAMES = ['pp', 'op', 'subparagraph', 'subsubparagraph'] as const;

/** A clause node name. */
export type ClauseNodeName = (typeof CLAUSE_NODE_NAMES)[number];

/** True when `name` names a clause node. */
export function isClauseNodeName(name: string): name is ClauseNodeName {
  return (CLAUSE_NODE_NAMES as readonly string[]).includes(name);
}

/**
 * The mark name behind a `Y.XmlText` formatting key: y-prosemirror writes marks that may
 * overlap themselves as `name--hash` (8 base-64 characters). Returns the key unchanged
 * otherwise.
 */
export function markNameOfKey(key: string): string {
  const match = /^(.*)--[a-zA-Z0-9+/=]{8}$/.exec(key);
  return match?.[1] ?? key;
}

import { type ClauseStatus, clauseLabels, docFromJSON, type FrozenNumbers, type NodeJSON } from '@plenary/schema';
import { diffModels } from './diff.js';
import { type Block, buildModel, type Change, type ClauseBlock, type DraftModel } from './model.js';
import type { SuggestionIndex } from './suggestions.js';

/** What happened to one clause between two versions, matched by clause id. */
export type ClauseChange = 'same' | 'changed' | 'moved' | 'added' | 'deleted';

/** A piece of a compared clause's text: unchanged, inserted or deleted words. */
export interface ComparedText {
  readonly text: string;
  readonly change?: Change;
}

/** One clause of a comparison: its label in each version and how it changed. */
export interface ComparedClause {
  readonly clauseId: string;
  /** Its label in the earlier version (`"OP 5"`), null when it is new. */
  readonly from: string | null;
  /** Its label in the later version, null when it was deleted. */
  readonly to: string | null;
  /**
   * `moved` when it changed place among the clauses both versions hold (its words may have
   * changed too); `changed` when its words, brackets, alternatives or status changed in place.
   */
  readonly change: ClauseChange;
  /** Set when the status changed. */
  readonly status?: { readonly from: ClauseStatus; readonly to: ClauseStatus };
  /** The clause's own text with word-level changes; alternatives introduced by "Alt 1: " … */
  readonly text: readonly ComparedText[];
}

/** A comparison of two versions: every clause either holds, in the later version's order. */
export interface Comparison {
  readonly clauses: readonly ComparedClause[];
}

/** How each version is numbered (its frozen map, when it has one) and attributed. */
export interface CompareOptions {
  readonly fromNumbers?: FrozenNumbers;
  readonly toNumbers?: FrozenNumbers;
  readonly suggestions?: SuggestionIndex;
}

function clauses(model: DraftModel): ClauseBlock[] {
  return [...model.preamble, ...model.operative].filter((b: Block): b is ClauseBlock => b.kind === 'clause');
}

function textOf(block: ClauseBlock): ComparedText[] {
  const out: ComparedText[] = [];
  for (const formulation of block.formulations) {
    if (formulation.label) out.push({ text: `${out.length > 0 ? ' ' : ''}${formulation.label}: ` });
    for (const run of formulation.runs) {
      const last = out[out.length - 1];
      if (last && last.change === run.change) out[out.length - 1] = { ...last, text: last.text + run.text };
      else out.push(run.change ? { text: run.text, change: run.change } : { text: run.text });
    }
  }
  return out;
}

function changeOf(diffed: ClauseBlock, statusChanged: boolean): ClauseChange {
  if (diffed.change === 'ins') return 'added';
  if (diffed.change === 'del') return 'deleted';
  if (diffed.movedFrom !== undefined) return 'moved';
  const wordsChanged = diffed.formulations.some((f) => f.runs.some((r) => r.change !== undefined));
  return wordsChanged || statusChanged ? 'changed' : 'same';
}

/**
 * Compares two drafts clause by clause on their stable ids, with a word-level diff inside each
 * clause (see `diffModels`): clauses only the later version holds are `added`, those only the
 * earlier holds `deleted` (placed after the nearest preceding clause both hold), shared clauses
 * that changed place `moved`. A split clause keeps its id for the first part (`changed`) and the
 * rest is `added`; merged clauses leave one `changed` and the others `deleted`. Clauses without
 * an id cannot be matched and are left out. Labels are each version's own numbering.
 */
export function compareDrafts(before: NodeJSON, after: NodeJSON, options: CompareOptions = {}): Comparison {
  const beforeDoc = docFromJSON(before);
  const afterDoc = docFromJSON(after);
  const beforeModel = buildModel(beforeDoc, 'changes', options.suggestions);
  const afterModel = buildModel(afterDoc, 'changes', options.suggestions);
  const fromLabels = clauseLabels(beforeDoc, options.fromNumbers ? { frozen: options.fromNumbers } : {});
  const toLabels = clauseLabels(afterDoc, options.toNumbers ? { frozen: options.toNumbers } : {});
  const beforeStatus = new Map(clauses(beforeModel).map((b) => [b.id, b.status]));
  const afterStatus = new Map(clauses(afterModel).map((b) => [b.id, b.status]));
  const out: ComparedClause[] = [];
  const seen = new Set<string>();
  for (const diffed of clauses(diffModels(beforeModel, afterModel))) {
    const id = diffed.id;
    if (id === null || seen.has(id)) continue;
    seen.add(id);
    const from = beforeStatus.get(id);
    const to = afterStatus.get(id);
    const statusChanged = from !== undefined && to !== undefined && from !== to;
    out.push({
      clauseId: id,
      from: diffed.change === 'ins' ? null : (fromLabels.get(id)?.label ?? null),
      to: diffed.change === 'del' ? null : (toLabels.get(id)?.label ?? null),
      change: changeOf(diffed, statusChanged),
      ...(statusChanged ? { status: { from, to } } : {}),
      text: textOf(diffed),
    });
  }
  return { clauses: out };
}

/**
 * One line of the concordance table: `"Rev.1 OP 5 → Rev.2 OP 7"`, `"Rev.1 PP 2 → deleted"`,
 * `"new → Rev.2 OP 3"`.
 */
export function concordanceLine(clause: ComparedClause, fromName: string, toName: string): string {
  const from = clause.from === null ? 'new' : `${fromName} ${clause.from}`;
  const to = clause.to === null ? 'deleted' : `${toName} ${clause.to}`;
  return `${from} → ${to}`;
}

import type { Block, DraftModel, Run } from './model.js';

/** Whether a run is part of a change: a tracked change against the earlier version or a suggestion. */
function isChange(run: Run): boolean {
  return run.change !== undefined || run.suggestion !== undefined;
}

/** Whether a run is unchanged draft text a space may move into or out of. */
function isPlain(run: Run | undefined): run is Run {
  return run !== undefined && !isChange(run) && run.role === 'text' && run.href === undefined;
}

/**
 * Moves the leading spaces of each change out of it, as Word users expect a word change to look
 * (docs/EXPORT.md, changes): where a change starts with a space and the unchanged text after it
 * starts with the same space, the change is slid one character on: " and escalation" inserted
 * between "misunderstanding" and " and" is shown as "and escalation " inserted after
 * "misunderstanding ", the words and their trailing space marked, the space before them not. The text reads the same;
 * only which of two equal spaces counts as changed moves.
 */
export function slideChangeSpaces(runs: readonly Run[]): Run[] {
  const out = [...runs];
  for (let i = 0; i < out.length; i++) {
    let run = out[i] as Run;
    if (!isChange(run)) continue;
    for (;;) {
      const next = out[i + 1];
      const space = run.text.charAt(0);
      if (!/\s/.test(space) || run.text.length < 2 || !isPlain(next) || !next.text.startsWith(space)) break;
      run = { ...run, text: run.text.slice(1) + space };
      out[i] = run;
      if (next.text.length === 1) out.splice(i + 1, 1);
      else out[i + 1] = { ...next, text: next.text.slice(1) };
      const before = out[i - 1];
      if (isPlain(before)) out[i - 1] = { ...before, text: before.text + space };
      else {
        out.splice(i, 0, { text: space, role: 'text' });
        i++;
      }
    }
  }
  return out;
}

function slideBlock<T extends Block>(block: T): T {
  if (block.kind === 'clause')
    return { ...block, formulations: block.formulations.map((f) => ({ ...f, runs: slideChangeSpaces(f.runs) })) };
  return { ...block, runs: slideChangeSpaces(block.runs) };
}

/** {@link slideChangeSpaces} over every text of a model. */
export function slideModelSpaces(model: DraftModel): DraftModel {
  return { preamble: model.preamble.map(slideBlock), operative: model.operative.map(slideBlock) };
}

import { newId, schema } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import { type Command, TextSelection, type Transaction } from 'prosemirror-state';
import { AddMarkStep } from 'prosemirror-transform';
import { clauseAt } from './clause-at.js';

/**
 * Meta of a transaction that only brackets text: it is no edit to suggest, and formal mode lets
 * a delegate make it (docs/PROTOCOL.md, "Formal mode").
 */
export const BRACKETING = 'plenary-bracketing';

/** Whether `tr` is the bracket command's: bracket marks added, nothing else. */
export function isBracketing(tr: Transaction): boolean {
  return (
    tr.getMeta(BRACKETING) === true &&
    tr.steps.every((step) => step instanceof AddMarkStep && step.mark.type === schema.marks.bracket)
  );
}

/**
 * Brackets the selected text as not agreed: a `bracket` mark with a fresh id over the
 * selection, inside one paragraph of text. Who proposed it is recorded by the server from the
 * writing connection (docs/ARCHITECTURE.md, "Positions"); the document holds only the id.
 * Fails on an empty selection or one that crosses paragraphs.
 */
export const bracketSelection: Command = (state, dispatch) => {
  const { from, to, $from, $to } = state.selection;
  if (from === to || !$from.sameParent($to) || !$from.parent.isTextblock) return false;
  if ($from.parent.type !== schema.nodes.body) return false;
  if (dispatch) {
    const mark = schema.marks.bracket.create({ id: newId('b') });
    dispatch(state.tr.addMark(from, to, mark).setMeta(BRACKETING, true).scrollIntoView());
  }
  return true;
};

/** An alternative with a fresh id holding `body`. */
function alternative(body: PMNode): PMNode {
  return schema.nodes.alternative.create({ id: newId('a') }, body);
}

/**
 * Adds an alternative formulation to the clause at the cursor: a clause with one text becomes
 * "Alt 1" (its text) and "Alt 2", keeping the clause's id and status; a clause with
 * alternatives gets one more. With `noText` the new alternative is empty: the option of having
 * no such clause. Otherwise it starts as a copy of the alternative (or text) at the cursor, to
 * be reworded. The cursor moves into the new alternative.
 */
export function addAlternative(options: { readonly noText?: boolean } = {}): Command {
  return (state, dispatch) => {
    const clause = clauseAt(state.selection.$head);
    const text = clause?.node.firstChild;
    if (!clause || !text) return false;
    const textPos = clause.pos + 1;
    const $head = state.selection.$head;
    const current = $head.parent.type === schema.nodes.body ? $head.parent : null;
    const copy = (source: PMNode | null): PMNode =>
      options.noText || !source ? schema.nodes.body.create() : schema.nodes.body.create(null, source.content);
    if (!dispatch) return true;
    const tr = state.tr;
    let bodyAt: number;
    if (text.type === schema.nodes.body) {
      const group = schema.nodes.alternatives.create({ id: newId('g') }, [alternative(text), alternative(copy(text))]);
      tr.replaceWith(textPos, textPos + text.nodeSize, group);
      // group open, first alternative, second alternative open, its body open.
      bodyAt = textPos + 1 + (group.firstChild?.nodeSize ?? 0) + 2;
    } else if (text.type === schema.nodes.alternatives) {
      const added = alternative(copy(current));
      const end = textPos + text.nodeSize - 1;
      tr.insert(end, added);
      bodyAt = end + 2;
    } else return false;
    tr.setSelection(TextSelection.create(tr.doc, bodyAt)).scrollIntoView();
    dispatch(tr);
    return true;
  };
}

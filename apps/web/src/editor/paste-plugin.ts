import { newId, schema } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';
import { type EditorState, Plugin, TextSelection, type Transaction } from 'prosemirror-state';
import { clauseAt } from './clause-at.js';
import { htmlBlocks, type PastedClause, pastedClauses, textBlocks } from './pasted-clauses.js';

function body(text: string): PMNode {
  return schema.nodes.body.create(null, text ? schema.text(text) : null);
}

function clauseNode(clause: PastedClause): PMNode {
  if (clause.kind === 'pp') return schema.nodes.pp.create({ id: newId() }, body(clause.text));
  const subs = clause.subs.map((sub) =>
    schema.nodes.subparagraph.create({ id: newId() }, [
      body(sub.text),
      ...sub.points.map((point) => schema.nodes.subsubparagraph.create({ id: newId() }, body(point))),
    ]),
  );
  return schema.nodes.op.create({ id: newId() }, [body(clause.text), ...subs]);
}

/**
 * Inserts pasted clauses where they belong: PPs after the preambular paragraph at the cursor
 * (or at the end of the preamble), OPs after the operative paragraph at the cursor (or at the
 * end of the operative part). An empty clause at the cursor of the first pasted clause's kind
 * is replaced by it. The cursor ends at the end of the last pasted clause. `null` when there
 * are no clauses.
 */
export function insertPastedClauses(state: EditorState, clauses: readonly PastedClause[]): Transaction | null {
  if (clauses.length === 0) return null;
  const { $head } = state.selection;
  const pp = clauseAt($head, 'pp');
  const op = clauseAt($head, 'op');
  const preambleEnd = state.doc.child(0).nodeSize - 1;
  const operativeEnd = state.doc.child(0).nodeSize + state.doc.child(1).nodeSize - 1;
  const tr = state.tr;
  let replaced: { from: number; to: number } | null = null;
  const empty = pp ?? op;
  const first = clauses[0] as PastedClause;
  if (empty && empty.node.textContent === '' && empty.node.childCount === 1 && empty.kind === first.kind)
    replaced = { from: empty.pos, to: empty.pos + empty.node.nodeSize };
  let ppAt = replaced && first.kind === 'pp' ? replaced.from : pp ? pp.pos + pp.node.nodeSize : preambleEnd;
  let opAt = replaced && first.kind === 'op' ? replaced.from : op ? op.pos + op.node.nodeSize : operativeEnd;
  if (replaced) {
    tr.delete(replaced.from, replaced.to);
    ppAt = first.kind === 'pp' ? replaced.from : tr.mapping.map(ppAt);
    opAt = first.kind === 'op' ? replaced.from : tr.mapping.map(opAt);
  }
  let last = 0;
  for (const clause of clauses) {
    const node = clauseNode(clause);
    const at = clause.kind === 'pp' ? ppAt : opAt;
    tr.insert(at, node);
    const after = at + node.nodeSize;
    // Both insertion points lie in the same document; the later one moves with the insertion.
    if (clause.kind === 'pp') {
      ppAt = after;
      opAt += node.nodeSize;
    } else opAt = after;
    last = at + (node.firstChild?.nodeSize ?? 2);
  }
  tr.setSelection(TextSelection.near(tr.doc.resolve(last), -1)).scrollIntoView();
  return tr;
}

/**
 * Pasting several paragraphs (from Word, a PDF, a web page) makes clauses of them
 * ({@link pastedClauses}, {@link insertPastedClauses}) instead of letting them run into the
 * clause at the cursor. A single paragraph is a run of text and ProseMirror pastes it into
 * the clause, formatting kept, within the schema.
 */
export function pastePlugin(): Plugin {
  return new Plugin({
    props: {
      handlePaste(view, event) {
        const data = event.clipboardData;
        if (!data) return false;
        const html = data.getData('text/html');
        const blocks = html ? htmlBlocks(html) : textBlocks(data.getData('text/plain'));
        if (blocks.filter((b) => b.text.trim() !== '').length <= 1) return false;
        const fallback = clauseAt(view.state.selection.$head)?.kind === 'pp' ? 'pp' : 'op';
        const tr = insertPastedClauses(view.state, pastedClauses(blocks, fallback));
        if (!tr) return false;
        view.dispatch(tr.setMeta('uiEvent', 'paste'));
        return true;
      },
    },
  });
}

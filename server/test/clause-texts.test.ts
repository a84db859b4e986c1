import { DRAFT_FRAGMENT } from '@plenary/schema';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type ClauseChange, ClauseTextTracker, readClauseTexts } from '../src/clause-texts.js';

/** A clause element `<name id=…><body>text</body>…</name>` with its nested clauses after the body. */
function clause(name: string, id: string, text: string, nested: Y.XmlElement[] = []): Y.XmlElement {
  const element = new Y.XmlElement(name);
  element.setAttribute('id', id);
  const body = new Y.XmlElement('body');
  const piece = new Y.XmlText();
  piece.insert(0, text);
  body.insert(0, [piece]);
  element.insert(0, [body, ...nested]);
  return element;
}

function draft(): { doc: Y.Doc; fragment: Y.XmlFragment } {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(DRAFT_FRAGMENT);
  fragment.insert(0, [
    clause('pp', 'pp1', 'Recalling the treaty'),
    clause('op', 'op1', 'Calls upon States', [clause('subparagraph', 'sub1', 'to notify launches')]),
    clause('op', 'op2', 'Encourages transparency'),
  ]);
  return { doc, fragment };
}

/** The first text piece of the clause at `path` (indices from the fragment). */
function pieceAt(fragment: Y.XmlFragment, ...path: number[]): Y.XmlText {
  let node: Y.XmlElement | Y.XmlFragment = fragment;
  for (const index of path) node = node.get(index) as Y.XmlElement;
  return (node.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** A clause's unchanged item, as a change reports it. */
function itemOf(doc: Y.Doc, clauseId: string): ClauseChange['item'] {
  const item = readClauseTexts(doc).items.get(clauseId);
  return { before: item, after: item };
}

/** Sorted by clause id, for comparison with a whole read. */
function sorted(changes: ClauseChange[]): ClauseChange[] {
  return [...changes].sort((a, b) => a.clauseId.localeCompare(b.clauseId));
}

/** The changes a whole read before and after gives, as the tracker should report them. */
function wholeReadChanges(before: ReturnType<typeof readClauseTexts>, doc: Y.Doc): ClauseChange[] {
  const after = readClauseTexts(doc);
  const ids = new Set([...before.texts.keys(), ...before.items.keys(), ...after.texts.keys(), ...after.items.keys()]);
  const out: ClauseChange[] = [];
  for (const clauseId of ids) {
    const text = { before: before.texts.get(clauseId), after: after.texts.get(clauseId) };
    const item = { before: before.items.get(clauseId), after: after.items.get(clauseId) };
    if (text.before !== text.after || item.before !== item.after) out.push({ clauseId, text, item });
  }
  return sorted(out);
}

describe('clause texts followed through updates', () => {
  it('reads each clause’s own text, a sub-paragraph’s words going to the sub-paragraph', () => {
    const { doc } = draft();
    const { texts } = readClauseTexts(doc);
    expect(texts.get('op1')).toBe(' Calls upon States');
    expect(texts.get('sub1')).toBe(' to notify launches');
  });

  it('reports only the clause whose words an edit changed, with its text before and after', () => {
    const { doc, fragment } = draft();
    const tracker = new ClauseTextTracker(doc);
    pieceAt(fragment, 2).insert(0, 'Strongly ');
    pieceAt(fragment, 1, 1).delete(0, 3);
    expect(sorted(tracker.take())).toEqual([
      {
        clauseId: 'op2',
        text: { before: ' Encourages transparency', after: ' Strongly Encourages transparency' },
        item: itemOf(doc, 'op2'),
      },
      {
        clauseId: 'sub1',
        text: { before: ' to notify launches', after: ' notify launches' },
        item: itemOf(doc, 'sub1'),
      },
    ]);
    // Taken: nothing more until the next edit, and an edit undone within one stretch is no change.
    expect(tracker.take()).toEqual([]);
    pieceAt(fragment, 0).insert(0, 'x');
    pieceAt(fragment, 0).delete(0, 1);
    expect(tracker.take()).toEqual([]);
    tracker.destroy();
  });

  it('gives what a whole read gives after structural edits: a clause added, moved, deleted, its id rewritten', () => {
    const { doc, fragment } = draft();
    const steps: ((f: Y.XmlFragment) => void)[] = [
      (f) => f.insert(1, [clause('op', 'op9', 'Decides to remain seized')]),
      (f) => pieceAt(f, 1).format(0, 7, { insertion: { id: 's1' } }),
      // A move: the clause's element deleted and written again under the same id.
      (f) => {
        const text = pieceAt(f, 0).toString();
        f.delete(0, 1);
        f.insert(2, [clause('pp', 'pp1', text)]);
      },
      (f) => (f.get(0) as Y.XmlElement).setAttribute('id', 'op9b'),
      (f) => f.delete(3, 1),
      // Two clauses under one id: their words are read together.
      (f) => f.insert(0, [clause('op', 'op2', 'Twin words')]),
      (f) => pieceAt(f, 0).insert(0, 'More '),
    ];
    const tracker = new ClauseTextTracker(doc);
    for (const step of steps) {
      const before = readClauseTexts(doc);
      step(fragment);
      expect(sorted(tracker.take())).toEqual(wholeReadChanges(before, doc));
    }
    tracker.destroy();
  });

  it('gives what a whole read gives when updates come from another replica', () => {
    const { doc: source, fragment } = draft();
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(source));
    const tracker = new ClauseTextTracker(replica);
    let sent = Y.encodeStateVector(replica);
    for (const step of [
      () => pieceAt(fragment, 1).insert(5, 'firmly '),
      () => pieceAt(fragment, 1, 1).format(0, 2, { deletion: { id: 's2' } }),
      () => fragment.insert(3, [clause('op', 'op3', 'Requests a report')]),
    ]) {
      step();
      const before = readClauseTexts(replica);
      Y.applyUpdate(replica, Y.encodeStateAsUpdate(source, sent));
      sent = Y.encodeStateVector(replica);
      expect(sorted(tracker.take())).toEqual(wholeReadChanges(before, replica));
    }
  });
});

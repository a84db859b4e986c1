import {
  type AnchorInput,
  clauseElements,
  clauseTexts,
  DRAFT_FRAGMENT,
  docFromJSON,
  encodeAnchorPosition,
  findClauseElement,
  resolveAnchor,
} from '@plenary/schema';
import { describe, expect, it } from 'vitest';
import { prosemirrorToYXmlFragment } from 'y-prosemirror';
import * as Y from 'yjs';
import { clause, draftJSON } from './fixtures.js';

/** A draft with three OPs, as the room's Y.Doc holds it. */
function roomDoc(): { doc: Y.Doc; fragment: Y.XmlFragment } {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(DRAFT_FRAGMENT);
  const json = draftJSON(
    [],
    [
      clause('op', 'op-a', 'Calls upon States to refrain from tests;'),
      clause('op', 'op-b', 'Encourages the sharing of orbital data;'),
      clause('op', 'op-c', 'Decides to remain seized of the matter.'),
    ],
  );
  prosemirrorToYXmlFragment(docFromJSON(json), fragment);
  return { doc, fragment };
}

function textOf(fragment: Y.XmlFragment, id: string): Y.XmlText {
  const element = findClauseElement(fragment, id);
  const text = element ? clauseTexts(element)[0] : undefined;
  if (!text) throw new Error(`no text in ${id}`);
  return text;
}

function plain(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[])
    .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('');
}

/** An anchor on the first occurrence of `words` in clause `id`, as the web app makes it. */
function anchorOn(fragment: Y.XmlFragment, id: string, words: string): AnchorInput {
  const text = textOf(fragment, id);
  const from = plain(text).indexOf(words);
  return {
    clauseId: id,
    start: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, from)),
    end: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, from + words.length, -1)),
    quote: words,
  };
}

/** The words an anchor highlights now, or its state when it highlights none. */
function highlighted(doc: Y.Doc, fragment: Y.XmlFragment, anchor: AnchorInput): string {
  const resolved = resolveAnchor(fragment, anchor);
  if (resolved.state !== 'span' || !resolved.start || !resolved.end) return resolved.state;
  const start = Y.createAbsolutePositionFromRelativePosition(resolved.start, doc);
  const end = Y.createAbsolutePositionFromRelativePosition(resolved.end, doc);
  if (!start || !end) throw new Error('span without positions');
  // The positions must be in the live clause, not in a deleted copy of it.
  let node: Y.AbstractType<unknown> | null = start.type as Y.AbstractType<unknown>;
  while (node && node !== resolved.clause) {
    if (node._item?.deleted) return 'deleted copy';
    node = (node._item?.parent as Y.AbstractType<unknown> | null) ?? null;
  }
  if (node !== resolved.clause) return 'outside the clause';
  return plain(start.type as Y.XmlText).slice(start.index, end.index);
}

/** Moves clause `id` to index `to` of the operative part the way y-prosemirror does: delete, insert a copy. */
function moveClause(fragment: Y.XmlFragment, id: string, to: number): void {
  const operative = fragment.get(1) as Y.XmlElement;
  const index = operative.toArray().findIndex((c) => c instanceof Y.XmlElement && c.getAttribute('id') === id);
  const original = operative.get(index) as Y.XmlElement;
  const copy = original.clone();
  fragment.doc?.transact(() => {
    operative.delete(index, 1);
    operative.insert(to, [copy]);
  });
}

describe('comment anchors', () => {
  it('follows edits made before, inside and after the quoted words', () => {
    const { doc, fragment } = roomDoc();
    const anchor = anchorOn(fragment, 'op-a', 'refrain from tests');
    const text = textOf(fragment, 'op-a');
    text.insert(0, 'Strongly ');
    text.insert(plain(text).length - 1, ' in orbit');
    expect(highlighted(doc, fragment, anchor)).toBe('refrain from tests');
    text.insert(plain(text).indexOf('from'), 'all destructive ');
    expect(highlighted(doc, fragment, anchor)).toBe('refrain all destructive from tests');
  });

  it('says the quoted words are gone once they are deleted, and keeps the clause', () => {
    const { doc, fragment } = roomDoc();
    const anchor = anchorOn(fragment, 'op-a', 'refrain from tests');
    const text = textOf(fragment, 'op-a');
    text.delete(plain(text).indexOf('refrain'), 'refrain from tests'.length);
    const resolved = resolveAnchor(fragment, anchor);
    expect(resolved.state).toBe('quote-gone');
    expect(resolved.clause?.getAttribute('id')).toBe('op-a');
    expect(highlighted(doc, fragment, anchor)).toBe('quote-gone');
  });

  it('stays on its clause when the clause is split and the words go to the new part', () => {
    const { doc, fragment } = roomDoc();
    const head = anchorOn(fragment, 'op-b', 'Encourages');
    const tail = anchorOn(fragment, 'op-b', 'orbital data');
    const text = textOf(fragment, 'op-b');
    const cut = plain(text).indexOf('of orbital');
    const rest = plain(text).slice(cut);
    const operative = fragment.get(1) as Y.XmlElement;
    const split = new Y.XmlElement('op');
    split.setAttribute('id', 'op-b2');
    const body = new Y.XmlElement('body');
    body.insert(0, [new Y.XmlText(rest)]);
    split.insert(0, [body]);
    doc.transact(() => {
      text.delete(cut, rest.length);
      operative.insert(2, [split]);
    });
    expect(highlighted(doc, fragment, head)).toBe('Encourages');
    expect(resolveAnchor(fragment, tail).state).toBe('quote-gone');
  });

  it('follows the clause id when the clause is moved (delete and insert)', () => {
    const { doc, fragment } = roomDoc();
    const span = anchorOn(fragment, 'op-a', 'refrain from tests');
    const whole: AnchorInput = { clauseId: 'op-a', start: null, end: null, quote: null };
    moveClause(fragment, 'op-a', 2);
    const operative = fragment.get(1) as Y.XmlElement;
    expect((operative.get(2) as Y.XmlElement).getAttribute('id')).toBe('op-a');
    expect(resolveAnchor(fragment, whole).state).toBe('clause');
    expect(resolveAnchor(fragment, whole).clause).toBe(operative.get(2));
    expect(highlighted(doc, fragment, span)).toBe('refrain from tests');
  });

  it('keeps the anchor through renumbering (a clause inserted before it)', () => {
    const { doc, fragment } = roomDoc();
    const anchor = anchorOn(fragment, 'op-c', 'remain seized');
    const operative = fragment.get(1) as Y.XmlElement;
    const inserted = new Y.XmlElement('op');
    inserted.setAttribute('id', 'op-new');
    operative.insert(0, [inserted]);
    expect(highlighted(doc, fragment, anchor)).toBe('remain seized');
    expect(resolveAnchor(fragment, anchor, clauseElements(fragment)).state).toBe('span');
  });

  it('marks the thread orphaned when its clause is deleted', () => {
    const { fragment } = roomDoc();
    const anchor = anchorOn(fragment, 'op-b', 'orbital data');
    (fragment.get(1) as Y.XmlElement).delete(1, 1);
    expect(resolveAnchor(fragment, anchor)).toEqual({ state: 'orphaned', clause: null, start: null, end: null });
  });

  it('treats an undecodable position as gone words, not as an error', () => {
    const { fragment } = roomDoc();
    expect(resolveAnchor(fragment, { clauseId: 'op-a', start: '%%', end: '%%', quote: 'zzz' }).state).toBe(
      'quote-gone',
    );
  });
});

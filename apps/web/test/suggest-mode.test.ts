import { clauseIdPluginKey, schema } from '@plenary/schema';
import { EditorState, TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { ySyncPluginKey } from 'y-prosemirror';
import { isSuggesting, prepareLocalWrite, setSuggesting, suggestModePlugin } from '../src/editor/suggest-mode.js';
import { SuggestionWriter } from '../src/suggestions/suggestion-writer.js';
import { oneClauseDraft, record, suggestionRuns } from './suggestion-fixture.js';

const PLAIN = [{ type: 'text', text: 'Calls upon States;' }];

/** A one-clause draft whose text is `content`, the caret at 10 (inside "States"). */
function state(content: readonly unknown[] = PLAIN): EditorState {
  const doc = oneClauseDraft(content);
  return EditorState.create({
    schema,
    doc,
    plugins: [suggestModePlugin()],
    selection: TextSelection.create(doc, 10),
  });
}

/** The position of `needle` in the draft of `at`. */
function posOf(at: EditorState, needle: string): number {
  let found = -1;
  at.doc.descendants((node, pos) => {
    if (found >= 0 || !node.isText) return found < 0;
    const index = node.text?.indexOf(needle) ?? -1;
    if (index >= 0) found = pos + index;
    return false;
  });
  if (found < 0) throw new Error(`no ${needle}`);
  return found;
}

function marksOf(result: ReturnType<typeof prepareLocalWrite>): string[] {
  if (result.kind !== 'write') throw new Error(result.reason);
  const names: string[] = [];
  result.tr.doc.descendants((node) => {
    if (node.isText) for (const mark of node.marks) names.push(mark.type.name);
    return true;
  });
  return names;
}

describe('local writes in the editor', () => {
  it('go out as typed when not suggesting, and as suggestions once suggest mode is on', () => {
    const writer = new SuggestionWriter('France', 'delegate');
    const start = state();
    expect(marksOf(prepareLocalWrite(start, start.tr.insertText('x'), writer))).toEqual([]);
    const on = start.apply(setSuggesting(start, true));
    expect(isSuggesting(on)).toBe(true);
    expect(marksOf(prepareLocalWrite(on, on.tr.insertText('x'), writer))).toEqual(['insertion']);
  });

  it('never turn remote changes, undo or clause-id repairs into suggestions, even in formal mode', () => {
    const writer = new SuggestionWriter('France', 'delegate');
    writer.mode = 'formal';
    const start = state();
    const remote = start.tr.insertText('x').setMeta(ySyncPluginKey, { isChangeOrigin: true });
    const written = prepareLocalWrite(start, remote, writer);
    expect(written).toEqual({ kind: 'write', tr: remote });
    const repair = start.tr.setNodeAttribute(2, 'id', 'o2').setMeta(clauseIdPluginKey, 'repair');
    expect(prepareLocalWrite(start, repair, writer)).toEqual({ kind: 'write', tr: repair });
  });

  it('make a delegate suggest in formal mode and refuse what cannot be a suggestion; the chair edits directly', () => {
    const delegate = new SuggestionWriter('France', 'delegate');
    delegate.mode = 'formal';
    const start = state();
    expect(marksOf(prepareLocalWrite(start, start.tr.insertText('x'), delegate))).toEqual(['insertion']);
    const split = prepareLocalWrite(start, start.tr.split(10, 2), delegate);
    expect(split.kind).toBe('refused');
    const chair = new SuggestionWriter('Chair', 'chair');
    chair.mode = 'formal';
    expect(marksOf(prepareLocalWrite(start, start.tr.insertText('x'), chair))).toEqual([]);
  });

  it('give the chair’s direct words inside a delegation’s insertion none of its marks, splitting it under one id', () => {
    const start = state([
      { type: 'text', text: 'Calls upon ' },
      { type: 'text', text: 'all the ', marks: [{ type: 'insertion', attrs: { id: 's-brazil' } }] },
      { type: 'text', text: 'States;', marks: [{ type: 'deletion', attrs: { id: 's-chile' } }] },
    ]);
    const chair = new SuggestionWriter('Chair', 'chair');
    chair.records = new Map([
      ['s-brazil', record({ id: 's-brazil', delegation: 'Brazil' })],
      ['s-chile', record({ id: 's-chile', kind: 'deletion', delegation: 'Chile' })],
    ]);
    // "all |the": ProseMirror gives typed text the marks around it.
    const typed = start.tr.insertText('of ', posOf(start, 'the '));
    expect(suggestionRuns(typed.doc)).toContain('+[s-brazil]all of the ');
    const written = prepareLocalWrite(start, typed, chair);
    if (written.kind !== 'write') throw new Error(written.reason);
    expect(suggestionRuns(written.tr.doc)).toEqual([
      'Calls upon ',
      '+[s-brazil]all ',
      'of ',
      '+[s-brazil]the ',
      '-[s-chile]States;',
    ]);
    // Inside another delegation's deletion too, the chair's words are plain.
    const inDeletion = prepareLocalWrite(start, start.tr.insertText('all ', posOf(start, 'States') + 3), chair);
    if (inDeletion.kind !== 'write') throw new Error(inDeletion.reason);
    expect(suggestionRuns(inDeletion.tr.doc)).toEqual([
      'Calls upon ',
      '+[s-brazil]all the ',
      '-[s-chile]Sta',
      'all ',
      '-[s-chile]tes;',
    ]);
  });

  it('count as the writer’s own the ids it minted and those recorded for its delegation only', () => {
    const writer = new SuggestionWriter('France', 'delegate');
    const minted = writer.newId();
    expect(writer.isOwn(minted)).toBe(true);
    writer.records = new Map([
      [
        'b1',
        {
          id: 'b1',
          kind: 'insertion',
          delegation: 'Brazil',
          person: null,
          clauseId: 'o1',
          text: 'x',
          createdAt: 1,
          status: 'open',
        },
      ],
    ]);
    expect(writer.isOwn('b1')).toBe(false);
    expect(writer.isOwn('unknown')).toBe(false);
  });
});

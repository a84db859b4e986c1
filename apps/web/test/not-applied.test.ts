import { docFromJSON } from '@plenary/schema';
import { describe, expect, it } from 'vitest';
import { prosemirrorToYXmlFragment } from 'y-prosemirror';
import * as Y from 'yjs';
import { type ClauseText, readClauseTexts } from '../src/collab/clause-texts.js';
import { notAppliedAsText, notAppliedText } from '../src/collab/not-applied.js';

function clause(id: string | null, label: string, text: string): ClauseText {
  return { id, label, text };
}

describe('text not applied after a refusal', () => {
  it('returns the inserted span of a clause whose stored text lacks it', () => {
    const local = [clause('a', 'OP 1', 'Calls upon all States to notify launches;')];
    const stored = [clause('a', 'OP 1', 'Calls upon States to notify launches;')];
    expect(notAppliedText(local, stored)).toEqual([
      {
        label: 'OP 1',
        id: 'a',
        missing: 'all ',
        local: 'Calls upon all States to notify launches;',
        stored: 'Calls upon States to notify launches;',
      },
    ]);
  });

  it('returns a whole clause the stored draft does not have, and ignores clauses only stored', () => {
    const local = [clause('a', 'OP 1', 'Same;'), clause('b', 'OP 2', 'New clause typed here;')];
    const stored = [clause('a', 'OP 1', 'Same;'), clause('c', 'OP 2', 'Someone else’s clause;')];
    expect(notAppliedText(local, stored).map((t) => [t.label, t.missing, t.stored])).toEqual([
      ['OP 2', 'New clause typed here;', null],
    ]);
  });

  it('matches clauses on their ids even when the labels moved', () => {
    const local = [clause('a', 'OP 1', 'Text;')];
    const stored = [clause('z', 'OP 1', 'Other;'), clause('a', 'OP 2', 'Text;')];
    expect(notAppliedText(local, stored)).toEqual([]);
  });

  it('reports nothing for deletions the server did not apply', () => {
    expect(notAppliedText([clause('a', 'PP 1', 'Noting,')], [clause('a', 'PP 1', 'Noting with concern,')])).toEqual([]);
  });

  it('formats the text for the clipboard one clause a line', () => {
    const texts = notAppliedText([clause('a', 'OP 3 (a)', 'x')], []);
    expect(notAppliedAsText(texts)).toBe('OP 3 (a): x');
  });

  it('reads a Yjs draft as plain text per clause with its labels', () => {
    const doc = new Y.Doc();
    const draft = docFromJSON({
      type: 'doc',
      content: [
        {
          type: 'preamble',
          content: [
            {
              type: 'pp',
              attrs: { id: 'p1' },
              content: [{ type: 'body', content: [{ type: 'text', text: 'Noting,' }] }],
            },
          ],
        },
        {
          type: 'operative',
          content: [
            {
              type: 'op',
              attrs: { id: 'o1' },
              content: [
                { type: 'body', content: [{ type: 'text', text: 'Calls upon States:' }] },
                {
                  type: 'subparagraph',
                  attrs: { id: 's1' },
                  content: [{ type: 'body', content: [{ type: 'text', text: 'to notify;' }] }],
                },
              ],
            },
          ],
        },
      ],
    });
    prosemirrorToYXmlFragment(draft, doc.getXmlFragment('draft'));
    expect(readClauseTexts(doc.getXmlFragment('draft'))).toEqual([
      { id: 'p1', label: 'PP 1', text: 'Noting,' },
      { id: 'o1', label: 'OP 1', text: 'Calls upon States:' },
      { id: 's1', label: 'OP 1 (a)', text: 'to notify;' },
    ]);
  });
});

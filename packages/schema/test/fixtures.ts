import type { NodeJSON } from '@plenary/schema';
import type { Node as PMNode } from 'prosemirror-model';

/** Body JSON with plain text. */
export function body(text: string, marks: NodeJSON['marks'] = undefined): NodeJSON {
  return { type: 'body', content: [marks ? { type: 'text', text, marks } : { type: 'text', text }] };
}

/** A clause node of `type` with one body and optional children. */
export function clause(type: string, id: string, text: string, children: NodeJSON[] = [], attrs = {}): NodeJSON {
  return { type, attrs: { id, status: 'proposed', tags: '', ...attrs }, content: [body(text), ...children] };
}

/** A draft with PPs and operative content. */
export function draftJSON(pps: NodeJSON[], operative: NodeJSON[]): NodeJSON {
  return {
    type: 'doc',
    content: [
      { type: 'preamble', content: pps },
      { type: 'operative', content: operative },
    ],
  };
}

/** A draft exercising every node and mark of the schema. */
export const RICH_DRAFT: NodeJSON = draftJSON(
  [clause('pp', 'pp1', 'Recognizing the value of space,', [], { status: 'agreed', tags: 'avoid-surprise no-debris' })],
  [
    {
      type: 'op',
      attrs: { id: 'op1', status: 'agreed-ad-ref', tags: 'be-predictable' },
      content: [
        {
          type: 'body',
          content: [
            { type: 'text', text: 'Calls upon ' },
            { type: 'text', text: 'State', marks: [{ type: 'placeholder', attrs: { label: 'State' } }] },
            { type: 'text', text: ' to notify ' },
            {
              type: 'text',
              text: 'within',
              marks: [
                { type: 'bracket', attrs: { id: 'b1' } },
                { type: 'bracket', attrs: { id: 'b2' } },
              ],
            },
            { type: 'text', text: ' days', marks: [{ type: 'bracket', attrs: { id: 'b1' } }] },
            { type: 'text', text: ' via ', marks: [{ type: 'insertion', attrs: { id: 's1' } }] },
            { type: 'text', text: 'the', marks: [{ type: 'deletion', attrs: { id: 's2' } }] },
            { type: 'text', text: ' registry', marks: [{ type: 'link', attrs: { href: 'https://example.org/r' } }] },
            { type: 'text', text: ' ' },
            { type: 'text', text: 'promptly', marks: [{ type: 'em' }, { type: 'strong' }] },
            { type: 'text', text: ':' },
          ],
        },
        clause('subparagraph', 'op1a', 'To act;', [clause('subsubparagraph', 'op1ai', 'first;')]),
      ],
    },
    {
      type: 'section',
      attrs: { id: 's-norms' },
      content: [
        { type: 'heading', content: [{ type: 'text', text: 'Norms' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Narrative text.' }] },
        {
          type: 'op',
          attrs: { id: 'op2', status: 'under-discussion', tags: '' },
          content: [
            {
              type: 'alternatives',
              attrs: { id: 'alts1' },
              content: [
                { type: 'alternative', attrs: { id: 'alt1' }, content: [body('Decides to act.')] },
                { type: 'alternative', attrs: { id: 'alt2' }, content: [{ type: 'body' }] },
              ],
            },
          ],
        },
      ],
    },
  ],
);

/** Where `needle` starts in the text of `doc` (a document position). */
export function posOf(doc: PMNode, needle: string): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found >= 0 || !node.isText) return found < 0;
    const at = node.text?.indexOf(needle) ?? -1;
    if (at >= 0) found = pos + at;
    return false;
  });
  if (found < 0) throw new Error(`no ${needle}`);
  return found;
}

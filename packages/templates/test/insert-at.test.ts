import { docFromJSON, numberClauses, readClauseAttrs, schema } from '@plenary/schema';
import { insertTemplateAt, requireTemplate } from '@plenary/templates';
import type { Node as PMNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { describe, expect, it } from 'vitest';

const body = (text: string) => ({ type: 'body', content: [{ type: 'text', text }] });
const clause = (type: string, id: string, text: string) => ({ type, attrs: { id }, content: [body(text)] });

const DRAFT = docFromJSON({
  type: 'doc',
  content: [
    { type: 'preamble', content: [clause('pp', 'p1', 'Noting one,'), clause('pp', 'p2', 'Noting two,')] },
    {
      type: 'operative',
      content: [
        clause('op', 'o1', 'Decides one;'),
        clause('op', 'o2', 'Decides two;'),
        {
          type: 'section',
          attrs: { id: 's1' },
          content: [
            { type: 'heading', content: [{ type: 'text', text: 'Part' }] },
            clause('op', 'o3', 'Decides three.'),
          ],
        },
      ],
    },
  ],
});

/** Position inside the body of the clause with `id`. */
function inside(doc: PMNode, id: string): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (node.attrs.id === id) found = pos + 2;
    return found === -1;
  });
  if (found === -1) throw new Error(`no clause ${id}`);
  return found;
}

function labelsById(doc: PMNode): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of numberClauses(doc)) if (n.id) out[n.id] = n.label;
  return out;
}

describe('inserting a template at the cursor', () => {
  const template = requireTemplate('rendezvous-proximity');
  let counter = 0;
  const generateId = () => `fresh-${++counter}`;

  it('puts OPs after the OP holding the cursor and renumbers the ones after', () => {
    const tr = insertTemplateAt(new Transform(DRAFT), template, inside(DRAFT, 'o1'), { generateId });
    tr.doc.check();
    const labels = labelsById(tr.doc);
    expect(labels.o1).toBe('OP 1');
    // The template has three OPs; the draft's OP 2 and OP 3 follow them.
    expect(labels.o2).toBe('OP 5');
    expect(labels.o3).toBe('OP 6');
    const ops = numberClauses(tr.doc).filter((n) => n.kind === 'op');
    expect(ops[1]?.id?.startsWith('fresh-')).toBe(true);
    // PPs go at the end of the preamble.
    expect(labels.p2).toBe('PP 2');
    const pps = numberClauses(tr.doc).filter((n) => n.kind === 'pp');
    expect(pps).toHaveLength(3);
    expect(pps[2]?.id?.startsWith('fresh-')).toBe(true);
  });

  it('puts PPs after the PP holding the cursor and OPs at the start of the operative part', () => {
    const tr = insertTemplateAt(new Transform(DRAFT), template, inside(DRAFT, 'p1'), { generateId });
    tr.doc.check();
    const labels = labelsById(tr.doc);
    expect(labels.p1).toBe('PP 1');
    expect(labels.p2).toBe('PP 3');
    expect(labels.o1).toBe('OP 4');
  });

  it('keeps OPs inside the section holding the cursor', () => {
    const tr = insertTemplateAt(new Transform(DRAFT), template, inside(DRAFT, 'o3'), { generateId });
    tr.doc.check();
    const section = tr.doc.child(1).child(2);
    expect(section.type.name).toBe('section');
    expect(section.childCount).toBe(5);
    expect(labelsById(tr.doc).o3).toBe('OP 3');
  });

  it('gives fresh ids, proposed status and the template tags', () => {
    const tr = insertTemplateAt(new Transform(DRAFT), template, inside(DRAFT, 'o2'), { generateId });
    const inserted = numberClauses(tr.doc).filter((n) => n.id?.startsWith('fresh-'));
    expect(inserted.length).toBeGreaterThan(0);
    const first = tr.doc.nodeAt(inserted.find((n) => n.kind === 'op')?.pos ?? -1);
    if (!first) throw new Error('no inserted OP');
    expect(readClauseAttrs(first).status).toBe('proposed');
    expect(readClauseAttrs(first).tags).toEqual(['respect-security']);
  });

  it('inserts at the end of each part for a position outside both', () => {
    const empty = schema.node('doc', null, [schema.node('preamble'), schema.node('operative')]);
    const tr = insertTemplateAt(new Transform(empty), template, 999, { generateId });
    tr.doc.check();
    expect(numberClauses(tr.doc).map((n) => n.label)).toContain('OP 3');
  });
});

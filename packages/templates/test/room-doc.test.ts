import { DRAFT_FRAGMENT, docFromFragment, listClauses, schema } from '@plenary/schema';
import { createRoomDoc, DraftNotEmptyError, fillDraft, insertTemplate, requireTemplate } from '@plenary/templates';
import { EditorState } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';

describe('room documents from templates', () => {
  it('builds a room Y.Doc whose draft holds the template with fresh ids', () => {
    const template = requireTemplate('draft-resolution');
    const ydoc = createRoomDoc(template.id);
    const doc = docFromFragment(ydoc.getXmlFragment(DRAFT_FRAGMENT));
    const source = schema.nodeFromJSON(template.content);
    expect(doc.textContent).toBe(source.textContent);
    const ids = listClauses(doc).map((c) => c.id);
    const sourceIds = new Set(listClauses(source).map((c) => c.id));
    expect(ids.length).toBe(sourceIds.size);
    expect(ids.some((id) => id !== null && sourceIds.has(id))).toBe(false);
    expect(listClauses(doc).map((c) => c.tags)).toEqual(listClauses(source).map((c) => c.tags));
  });

  it('fills a given Y.Doc once and refuses a draft with content', () => {
    const ydoc = new Y.Doc();
    let origin: unknown;
    ydoc.on('update', (_u: Uint8Array, o: unknown) => {
      origin = o;
    });
    fillDraft(ydoc, 'blank', { origin: 'seed' });
    expect(origin).toBe('seed');
    expect(() => fillDraft(ydoc, 'blank')).toThrow(DraftNotEmptyError);
    expect(() => fillDraft(new Y.Doc(), 'missing')).toThrow(/missing/);
  });

  it("inserts a template's clauses into an existing draft with new ids", () => {
    const base = docFromFragment(createRoomDoc('draft-resolution').getXmlFragment(DRAFT_FRAGMENT));
    const state = EditorState.create({ schema, doc: base });
    const norm = requireTemplate('no-da-asat-tests');
    const next = state.apply(insertTemplate(state.tr, norm));
    next.doc.check();
    const clauses = listClauses(next.doc);
    const ids = clauses.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const pps = clauses.filter((c) => c.kind === 'pp');
    expect(pps[pps.length - 1]?.node.textContent).toMatch(/^Deeply concerned/);
    const ops = clauses.filter((c) => c.kind === 'op');
    expect(ops[ops.length - 1]?.node.textContent).toMatch(/^Encourages States to implement space debris/);
    expect(ops.slice(-3).every((c) => c.tags.includes('no-debris'))).toBe(true);
  });
});

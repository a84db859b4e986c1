import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { textRuns, Y_TEXT_RUNS_YJS } from '../src/y-text-runs.js';

describe('textRuns', () => {
  it('runs on the Yjs release line it reads the internals of', () => {
    const version: string = createRequire(import.meta.url)('yjs/package.json').version;
    expect(version.startsWith(`${Y_TEXT_RUNS_YJS}.`)).toBe(true);
  });

  it('finds the item list where it expects it', () => {
    const doc = new Y.Doc();
    const text = doc.getXmlFragment('f').insert(0, [new Y.XmlText()]) as unknown;
    void text;
    const inserted = doc.getXmlFragment('f').get(0) as Y.XmlText;
    inserted.insert(0, 'abc');
    const fields = inserted as unknown as Record<string, unknown>;
    expect(Object.hasOwn(fields, '_start')).toBe(true);
    expect(fields._start).toBeInstanceOf(Y.Item);
    expect((fields._start as Y.Item).right).toBeNull();
  });

  it('gives every item the formatting in effect at it, and keeps deleted items in place', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('f');
    const text = new Y.XmlText();
    fragment.insert(0, [text]);
    text.insert(0, 'plain ');
    text.insert(6, 'marked', { insertion: { id: 's1' }, bold: true });
    text.insert(12, ' after', { insertion: null, bold: null });
    text.delete(0, 2);
    const runs = textRuns(text);
    const visible = runs.filter((run) => run.isText && !run.item.deleted);
    const marked = visible.find((run) => (run.item.content as Y.ContentString).str === 'marked');
    expect(marked?.attributes.get('insertion')).toEqual({ id: 's1' });
    expect(marked?.attributes.get('bold')).toBe(true);
    const after = visible.find((run) => (run.item.content as Y.ContentString).str === ' after');
    expect(after?.attributes.has('insertion')).toBe(false);
    expect(runs.some((run) => run.item.deleted && run.item.length === 2)).toBe(true);
    expect(
      runs
        .filter((run) => !run.isText && !run.item.deleted)
        .every((run) => run.item.content instanceof Y.ContentFormat),
    ).toBe(true);
  });
});

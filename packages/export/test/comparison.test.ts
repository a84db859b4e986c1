import { compareDrafts, concordanceLine, exportDraft } from '@plenary/export';
import { describe, expect, it } from 'vitest';
import { smallDraft } from './draft-builder.js';
import { DATE, ROOM } from './fixtures.js';

const rev1 = smallDraft(
  [
    ['pp-a', 'Recalling its earlier resolutions,'],
    ['pp-b', 'Noting the report of the working group,'],
  ],
  [
    ['op-1', 'Welcomes the report;'],
    ['op-2', 'Calls upon all States to refrain from harmful actions and to share information;'],
    ['op-3', 'Requests the Secretary-General to report;'],
    ['op-4', 'Encourages dialogue;'],
    ['op-5', 'Decides to remain seized of the matter.'],
  ],
);

/**
 * Rev.2: PP 2 deleted; OP 2 split in two (the second half a new clause); OP 4 merged into OP 3;
 * OP 1 moved to the end; a new OP; OP 5's status changed.
 */
const rev2 = smallDraft(
  [['pp-a', 'Recalling its earlier resolutions,']],
  [
    ['op-2', 'Calls upon all States to refrain from harmful actions;'],
    ['op-2b', 'Also calls upon all States to share information;'],
    ['op-3', 'Requests the Secretary-General to report and encourages dialogue;'],
    ['op-new', 'Invites regional organizations to contribute;'],
    ['op-5', 'Decides to remain seized of the matter.', 'agreed'],
    ['op-1', 'Welcomes the report;'],
  ],
);

describe('comparing two revisions', () => {
  const { clauses } = compareDrafts(rev1, rev2);
  const byId = new Map(clauses.map((c) => [c.clauseId, c]));

  it('matches clauses by id and labels each in both versions', () => {
    expect(clauses.map((c) => [c.clauseId, c.from, c.to, c.change])).toEqual([
      ['pp-a', 'PP 1', 'PP 1', 'same'],
      ['pp-b', 'PP 2', null, 'deleted'],
      ['op-2', 'OP 2', 'OP 1', 'changed'],
      ['op-2b', null, 'OP 2', 'added'],
      ['op-3', 'OP 3', 'OP 3', 'changed'],
      ['op-4', 'OP 4', null, 'deleted'],
      ['op-new', null, 'OP 4', 'added'],
      ['op-5', 'OP 5', 'OP 5', 'changed'],
      ['op-1', 'OP 1', 'OP 6', 'moved'],
    ]);
  });

  it('shows insertions and deletions inside a clause word by word', () => {
    const split = byId.get('op-2')?.text ?? [];
    // Words keep their punctuation: "actions" became "actions;", the rest went.
    expect(split.filter((t) => t.change === 'del').map((t) => t.text.trim())).toEqual([
      'actions and to share information;',
    ]);
    expect(split.filter((t) => t.change === 'ins').map((t) => t.text.trim())).toEqual(['actions;']);
    expect(split.filter((t) => !t.change)[0]?.text).toBe('Calls upon all States to refrain from harmful ');
    const merged = byId.get('op-3')?.text ?? [];
    expect(merged.filter((t) => t.change === 'ins').map((t) => t.text.trim())).toEqual([
      'report and encourages dialogue;',
    ]);
    expect(merged.filter((t) => t.change === 'del').map((t) => t.text.trim())).toEqual(['report;']);
  });

  it('reports a changed status with both values', () => {
    expect(byId.get('op-5')?.status).toEqual({ from: 'proposed', to: 'agreed' });
    expect(byId.get('op-3')?.status).toBeUndefined();
  });

  it('writes concordance lines with the version names', () => {
    const line = (id: string) => {
      const clause = byId.get(id);
      if (!clause) throw new Error(`no clause ${id}`);
      return concordanceLine(clause, 'Rev.1', 'Rev.2');
    };
    expect(line('op-1')).toBe('Rev.1 OP 1 → Rev.2 OP 6');
    expect(line('pp-b')).toBe('Rev.1 PP 2 → deleted');
    expect(line('op-new')).toBe('new → Rev.2 OP 4');
  });

  it('numbers a version with its frozen map', () => {
    const frozen = compareDrafts(rev1, rev2, { toNumbers: { 'op-2': '2', 'op-3': '3', 'op-5': '5', 'op-1': '1' } });
    expect(frozen.clauses.find((c) => c.clauseId === 'op-2b')?.to).toBe('OP 2 bis');
  });

  it('finds nothing changed between a draft and itself', () => {
    expect(compareDrafts(rev2, rev2).clauses.every((c) => c.change === 'same')).toBe(true);
  });
});

describe('the concordance export', () => {
  const options = {
    mode: 'concordance' as const,
    date: DATE,
    against: rev1,
    againstName: 'Rev.1',
    revisionName: 'Rev.2',
  };

  it('writes the table in Markdown', async () => {
    const md = new TextDecoder().decode((await exportDraft('md', rev2, ROOM, options)).body);
    expect(md).toContain('| Rev\\.1 OP 1 | Rev\\.2 OP 6 | moved |');
    expect(md).toContain('| Rev\\.1 PP 2 | deleted | deleted |');
    expect(md).toContain('| new | Rev\\.2 OP 4 | added |');
    expect(md).toContain('| Rev\\.1 OP 5 | Rev\\.2 OP 5 | changed; status proposed → agreed |');
  });

  it('writes the table in HTML and DOCX', async () => {
    const html = new TextDecoder().decode((await exportDraft('html', rev2, ROOM, options)).body);
    expect(html).toContain('<td>Rev.1 OP 1</td><td>Rev.2 OP 6</td><td>moved</td>');
    const docx = await exportDraft('docx', rev2, ROOM, options);
    expect(docx.fileName).toMatch(/-concordance\.docx$/);
    expect(docx.body.byteLength).toBeGreaterThan(1000);
  });

  it('refuses concordance without an earlier version, and in a format without tables', async () => {
    await expect(exportDraft('md', rev2, ROOM, { mode: 'concordance', date: DATE })).rejects.toThrow(
      /needs an earlier version/,
    );
    await expect(exportDraft('pdf', rev2, ROOM, options)).rejects.toThrow(/does not support mode "concordance"/);
  });
});

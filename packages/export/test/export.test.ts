import {
  diffRuns,
  EXPORT_FORMATS,
  EXPORT_MODES,
  exportDraft,
  exportFileName,
  FORMAT_MODES,
  type Run,
  UnsupportedExportError,
} from '@plenary/export';
import { describe, expect, it } from 'vitest';
import { DATE, negotiatedDraft, ROOM, zeroDraft } from './fixtures.js';

const zero = zeroDraft();

describe('exportDraft', () => {
  it('refuses a mode the format does not support', async () => {
    for (const format of EXPORT_FORMATS)
      for (const mode of EXPORT_MODES) {
        if (FORMAT_MODES[format].includes(mode)) continue;
        await expect(exportDraft(format, zero, ROOM, { mode, date: DATE, against: zero })).rejects.toBeInstanceOf(
          UnsupportedExportError,
        );
      }
  });

  it('needs an earlier version for changes mode', async () => {
    await expect(exportDraft('html', zero, ROOM, { mode: 'changes', date: DATE })).rejects.toBeInstanceOf(
      UnsupportedExportError,
    );
  });

  it('never changes the document it reads', async () => {
    const draft = negotiatedDraft(zero);
    const before = JSON.stringify(draft);
    for (const format of EXPORT_FORMATS)
      for (const mode of FORMAT_MODES[format])
        await exportDraft(format, draft, ROOM, { mode, date: DATE, against: zero });
    expect(JSON.stringify(draft)).toBe(before);
  });
});

describe('exportFileName', () => {
  it('makes symbol and title safe', () => {
    expect(exportFileName({ title: 't', symbol: 'A/AC.294/2026/WP.1' }, null, 'clean', 'docx')).toBe(
      'A-AC.294-2026-WP.1-current-clean.docx',
    );
    expect(exportFileName({ title: '../../Évian "draft" \u0000' }, 'Rev.1', 'agreed', 'akn')).toBe(
      'Evian-draft-Rev.1-agreed.akn.xml',
    );
    expect(exportFileName({ title: 'Проект' }, null, 'clean', 'pdf')).toBe('draft-current-clean.pdf');
  });
});

describe('diffRuns', () => {
  const run = (text: string): Run => ({ text, role: 'text' });
  it('diffs word by word, deletions before insertions', () => {
    const out = diffRuns([run('Calls upon all States to refrain')], [run('Calls upon States to fully refrain')]);
    const before = out
      .filter((r) => r.change !== 'ins')
      .map((r) => r.text)
      .join('');
    const after = out
      .filter((r) => r.change !== 'del')
      .map((r) => r.text)
      .join('');
    expect(before).toBe('Calls upon all States to refrain');
    expect(after).toBe('Calls upon States to fully refrain');
    expect(out.filter((r) => r.change === 'del').map((r) => r.text.trim())).toEqual(['all']);
    expect(out.filter((r) => r.change === 'ins').map((r) => r.text.trim())).toEqual(['fully']);
    expect(out.findIndex((r) => r.change === 'del')).toBeLessThan(out.findIndex((r) => r.change === 'ins'));
  });
});

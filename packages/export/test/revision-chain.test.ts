import { canonicalRevision, exportDraft, revisionHash, VerifyInputError, verifyExport } from '@plenary/export';
import type { NodeJSON } from '@plenary/schema';
import { describe, expect, it } from 'vitest';
import { smallDraft } from './draft-builder.js';
import { DATE, ROOM } from './fixtures.js';

const zero = smallDraft([['pp-a', 'Recalling,']], [['op-1', 'Welcomes;']]);
const rev1 = smallDraft([['pp-a', 'Recalling,']], [['op-1', 'Welcomes warmly;']]);

function chain() {
  const first = {
    id: 'rev-1',
    label: 'Zero draft',
    issuedAt: '2026-03-01T10:00:00.000Z',
    prevHash: null,
    document: zero,
  };
  const firstHash = revisionHash(first);
  const second = {
    id: 'rev-2',
    label: 'Rev.1',
    issuedAt: '2026-03-02T10:00:00.000Z',
    prevHash: firstHash,
    document: rev1,
  };
  return [
    { ...first, hash: firstHash },
    { ...second, hash: revisionHash(second) },
  ];
}

async function exported(): Promise<string> {
  const result = await exportDraft('json', rev1, ROOM, {
    mode: 'clean',
    date: DATE,
    revision: 'rev-2',
    chain: chain(),
  });
  return new TextDecoder().decode(result.body);
}

describe('the revision hash chain', () => {
  it('hashes RFC 8785 canonical JSON: sorted keys, no whitespace', () => {
    const text = canonicalRevision({
      document: { type: 'doc', content: [] } as NodeJSON,
      label: 'Rev.1',
      issuedAt: 'T',
      prevHash: null,
    });
    expect(text).toBe('{"document":{"content":[],"type":"doc"},"issuedAt":"T","label":"Rev.1","prevHash":null}');
    expect(revisionHash({ document: zero, label: 'A', issuedAt: 'T', prevHash: null })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes the hash when the label, the time, the previous hash or a word changes', () => {
    const base = { document: zero, label: 'Rev.1', issuedAt: '2026-03-01T10:00:00.000Z', prevHash: null };
    const hash = revisionHash(base);
    expect(revisionHash({ ...base, label: 'Rev.2' })).not.toBe(hash);
    expect(revisionHash({ ...base, issuedAt: '2026-03-01T10:00:00.001Z' })).not.toBe(hash);
    expect(revisionHash({ ...base, prevHash: 'ab'.repeat(32) })).not.toBe(hash);
    expect(revisionHash({ ...base, document: rev1 })).not.toBe(hash);
  });

  it('verifies an untouched JSON export of a revision and its chain', async () => {
    expect(verifyExport(await exported())).toEqual({
      ok: true,
      revisions: 2,
      revision: { id: 'rev-2', label: 'Rev.1', hash: chain()[1]?.hash },
    });
  });

  it('names the revision whose hash fails when an earlier revision was edited', async () => {
    const file = JSON.parse(await exported());
    file.revisions[0].document.content[1].content[0].content[0].content[0].text = 'Condemns;';
    expect(verifyExport(JSON.stringify(file))).toEqual({
      ok: false,
      revision: { id: 'rev-1', label: 'Zero draft' },
      reason: 'its hash does not match its content',
    });
  });

  it('names the revision whose link fails when a revision was replaced with a rehashed copy', async () => {
    const file = JSON.parse(await exported());
    const forged = { ...file.revisions[0], label: 'Zero draft (forged)' };
    forged.hash = revisionHash(forged);
    file.revisions[0] = forged;
    const report = verifyExport(JSON.stringify(file));
    expect(report).toMatchObject({ ok: false, revision: { id: 'rev-2', label: 'Rev.1' } });
  });

  it('fails when the exported document is not the last revision’s', async () => {
    const file = JSON.parse(await exported());
    file.revisions.pop();
    expect(verifyExport(JSON.stringify(file))).toMatchObject({ ok: false, revision: { id: 'rev-1' } });
  });

  it('refuses a file that is not a Plenary JSON export', () => {
    expect(() => verifyExport('not json')).toThrow(VerifyInputError);
    expect(() => verifyExport('{"format":"other"}')).toThrow(/not a Plenary JSON export/);
  });
});

import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { useChairedRoom } from '../support/chaired-room.js';
import { waitForAsync } from '../support/clients.js';
import { issued } from '../support/revisions.js';
import { cliEnv } from '../support/spawned-server.js';
import { listSuggestions, suggestInsertion } from '../support/suggestions.js';
import { appendToClause } from '../support/y-draft.js';

const CLI = fileURLToPath(new URL('../../server/scripts/cli.mjs', import.meta.url));
const ROOM = 'revision-exports';

describe('exporting revisions', () => {
  const room = useChairedRoom(ROOM);

  function cli(args: string[]) {
    return spawnSync(process.execPath, [CLI, ...args], {
      env: cliEnv(room.server.dataDir),
      encoding: 'utf8',
    });
  }

  async function exported(query: string): Promise<Response> {
    return fetch(`${room.server.httpUrl}/api/rooms/${ROOM}/export?${query}`, {
      headers: { authorization: `Bearer ${room.chair}` },
    });
  }

  async function twoRevisions(): Promise<void> {
    const writer = await room.join(room.chair);
    await issued(room.server, ROOM, room.chair, 'Rev.1');
    appendToClause(writer.doc, 'op', 0, ' without delay');
    await waitForAsync(
      async () => (await exported('format=md')).text().then((t) => t.includes('without delay')),
      'stored',
    );
    await issued(room.server, ROOM, room.chair, 'Rev.2');
  }

  it('exports a revision as JSON with its hash chain, which verify accepts and a tampered copy fails naming the revision', async () => {
    await twoRevisions();
    const out = join(room.server.dataDir, 'rev-2.json');
    execFileSync(
      process.execPath,
      [CLI, 'export', '--room', ROOM, '--format', 'json', '--revision', 'rev-2', '--out', out],
      {
        env: cliEnv(room.server.dataDir),
        stdio: 'pipe',
      },
    );
    const ok = cli(['verify', out]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^verified: Rev\.2 \(rev-2\), sha256 [0-9a-f]{64}, chain of 2 revisions/);
    const file = JSON.parse(readFileSync(out, 'utf8'));
    file.revisions[0].issuedAt = '2020-01-01T00:00:00.000Z';
    writeFileSync(out, JSON.stringify(file));
    const failed = cli(['verify', out]);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('FAILED: revision Rev.1 (rev-1): its hash does not match its content');
    writeFileSync(out, 'not json');
    expect(cli(['verify', out]).status).toBe(2);
  });

  it('exports the concordance of two revisions in Markdown, HTML and DOCX', async () => {
    await twoRevisions();
    const md = await (await exported('format=md&mode=concordance&revision=rev-2&against=rev-1')).text();
    expect(md).toContain('## Concordance: Rev\\.1 → Rev\\.2');
    expect(md).toContain('| Rev\\.1 OP 1 | Rev\\.2 OP 1 | changed |');
    expect(md).toContain('| Rev\\.1 PP 1 | Rev\\.2 PP 1 | unchanged |');
    const html = await exported('format=html&mode=concordance&against=rev-1');
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('<th>Rev.1</th><th>Current draft</th>');
    const docx = await exported('format=docx&mode=concordance&revision=rev-2&against=rev-1');
    const zip = await JSZip.loadAsync(await docx.arrayBuffer());
    expect(await zip.file('word/document.xml')?.async('string')).toContain('Rev.2 OP 1');
    const pdf = await exported('format=pdf&mode=concordance&against=rev-1');
    expect(pdf.status).toBe(400);
    const missing = await exported('format=md&mode=concordance');
    expect(missing.status).toBe(400);
  });

  it('writes the changes DOCX against a revision with a delegation as the author of its suggestion', async () => {
    await room.join(room.chair);
    await issued(room.server, ROOM, room.chair, 'Rev.1');
    const france = await room.server.token(ROOM, 'France', 'delegate', { person: 'p-fr' });
    const writer = await room.join(france);
    suggestInsertion(writer.doc, 'op', 0, ' and peaceful', 's-fr');
    await waitForAsync(
      async () => (await listSuggestions(room.server, ROOM, france)).some((s) => s.id === 's-fr'),
      'record',
    );
    const docx = await exported('format=docx&mode=changes&against=rev-1');
    expect(docx.status).toBe(200);
    const body = Buffer.from(await docx.arrayBuffer());
    const xml = (await (await JSZip.loadAsync(body)).file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toMatch(/<w:ins [^>]*w:author="France[^"]*"/);
    const file = join(room.server.dataDir, 'changes.docx');
    writeFileSync(file, body);
    // LibreOffice opens it and reads the tracked insertion's words.
    const converted = spawnSync(
      'soffice',
      ['--headless', '--convert-to', 'txt:Text', '--outdir', room.server.dataDir, file],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(converted.status).toBe(0);
    expect(readFileSync(join(room.server.dataDir, 'changes.txt'), 'utf8')).toContain('and peaceful');
  }, 180_000);
});

import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { connectClient, waitFor, whenSynced } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { cliEnv } from '../support/spawned-server.js';

const CLI = fileURLToPath(new URL('../../server/scripts/cli.mjs', import.meta.url));

describe('GET /api/rooms/<room>/export', () => {
  let server: TestServer;
  let chair: string;
  const room = 'export-room';

  async function get(path: string, token = chair): Promise<Response> {
    return fetch(`${server.httpUrl}/api/rooms/${path}`, { headers: { authorization: `Bearer ${token}` } });
  }

  beforeAll(async () => {
    server = await startTestServer();
    const operator = await server.token('*', 'Chair', 'chair');
    const created = await fetch(`${server.httpUrl}/api/rooms`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        id: room,
        title: 'Space norms',
        symbol: 'A/AC.294/2026/WP.1',
        template: 'draft-resolution',
      }),
    });
    expect(created.status).toBe(201);
    chair = ((await created.json()) as { token: string }).token;
    // A delegate edits PP 1 live: the export must read the loaded room, not only storage.
    const client = connectClient(server.wsUrl, room, await server.token(room, 'France'));
    await whenSynced(client.provider);
    const pp1 = (client.doc.getXmlFragment('draft').get(0) as Y.XmlElement).get(0) as Y.XmlElement;
    const text = (pp1.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(text.length, ' and welcoming progress');
    await waitFor(() => text.toString().includes('welcoming'), 'edit applied locally');
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const md = await (await get(`${room}/export?format=md`)).text();
      if (md.includes('welcoming progress')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    client.destroy();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('exports every format with its content type and file name', async () => {
    const expected = {
      docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      pdf: 'application/pdf',
      html: 'text/html; charset=utf-8',
      md: 'text/markdown; charset=utf-8',
      akn: 'application/akn+xml; charset=utf-8',
      json: 'application/json; charset=utf-8',
    };
    for (const [format, type] of Object.entries(expected)) {
      const res = await get(`${room}/export?format=${format}`);
      expect(res.status, format).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('content-disposition')).toMatch(
        /^attachment; filename="A-AC\.294-2026-WP\.1-current-clean\./,
      );
      const body = new Uint8Array(await res.arrayBuffer());
      expect(body.byteLength).toBeGreaterThan(100);
      if (format === 'md') expect(new TextDecoder().decode(body)).toContain('welcoming progress');
      if (format === 'json') expect(JSON.parse(new TextDecoder().decode(body)).room.title).toBe('Space norms');
      if (format === 'pdf') expect(new TextDecoder().decode(body.subarray(0, 5))).toBe('%PDF-');
    }
  });

  it('exports tracked changes since the zero draft', async () => {
    const res = await get(`${room}/export?format=docx&mode=changes&against=zero`);
    expect(res.status).toBe(200);
    const zip = await JSZip.loadAsync(await res.arrayBuffer());
    const document = (await zip.file('word/document.xml')?.async('string')) ?? '';
    // Signed by the delegation whose edit it was, from the provenance log.
    expect(document).toMatch(/<w:ins [^>]*w:author="France"[^>]*>[\s\S]*?welcoming/);
    const html = await (await get(`${room}/export?format=html&mode=changes&against=zero`)).text();
    expect(html).toMatch(/<ins>[^<]*welcoming/);
    const zeroDraft = await (await get(`${room}/export?format=md&revision=zero`)).text();
    expect(zeroDraft).not.toContain('welcoming');
  });

  it('answers 400 for unsupported formats and modes', async () => {
    for (const query of [
      'format=rtf',
      'format=json&mode=agreed',
      'format=akn&mode=compilation',
      'format=docx&mode=final',
      'format=docx&mode=changes',
    ]) {
      const res = await get(`${room}/export?${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBeTruthy();
    }
  });

  it('answers 404 for unknown rooms and revisions', async () => {
    const operator = await server.token('*', 'Chair', 'chair');
    expect((await get('no-such-room/export?format=html', operator)).status).toBe(404);
    for (const query of ['revision=rev1', 'against=1', 'mode=changes&against=rev1']) {
      const res = await get(`${room}/export?format=html&${query}`);
      expect(res.status, query).toBe(404);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/revision not found/);
    }
  });

  it('lets observers export only the clean text and refuses other tokens', async () => {
    const observer = await server.token(room, 'Observer', 'observer');
    expect((await get(`${room}/export?format=html`, observer)).status).toBe(200);
    expect((await get(`${room}/export?format=html&mode=compilation`, observer)).status).toBe(403);
    expect((await get(`${room}/export?format=html`, await server.token('other', 'France'))).status).toBe(403);
    expect((await fetch(`${server.httpUrl}/api/rooms/${room}/export?format=html`)).status).toBe(401);
  });

  it('exports from storage with the CLI', async () => {
    const out = join(server.dataDir, 'cli-export.xml');
    execFileSync(
      process.execPath,
      [CLI, 'export', '--room', room, '--format', 'akn', '--mode', 'changes', '--against', 'zero', '--out', out],
      {
        env: cliEnv(server.dataDir),
        stdio: 'pipe',
      },
    );
    const xml = readFileSync(out, 'utf8');
    expect(xml).toContain('<statement name="resolution">');
    expect(xml).toContain('welcoming');
    rmSync(out);
  });
});

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { callApi } from '../support/api.js';
import { useChairedRoom } from '../support/chaired-room.js';
import { waitFor, waitForAsync } from '../support/clients.js';
import { bracketText, clauseElement, makeAlternatives, readPositions } from '../support/positions.js';
import { cliEnv } from '../support/spawned-server.js';
import { clauseYText } from '../support/y-draft.js';

const CLI = fileURLToPath(new URL('../../server/scripts/cli.mjs', import.meta.url));
const ROOM = 'position-exports';

describe('positions in exports through the server', () => {
  const room = useChairedRoom(ROOM);

  async function exportText(query: string): Promise<string> {
    const response = await fetch(`${room.server.httpUrl}/api/rooms/${ROOM}/export?${query}`, {
      headers: { authorization: `Bearer ${room.chair}` },
    });
    expect(response.status, query).toBe(200);
    return response.text();
  }

  it("tags brackets and alternatives with the server's records of who proposed them, over HTTP and in the CLI", async () => {
    const brazil = await room.server.token(ROOM, 'Brazil');
    const kenya = await room.server.token(ROOM, 'Kenya');
    const br = await room.join(brazil);
    const ke = await room.join(kenya);
    const op2 = clauseYText(br.doc, 'op', 1).toString();
    bracketText(br.doc, 'op', 1, 0, 5, 'b-br');
    makeAlternatives(br.doc, 'op', 0, 'g1', 'o1', [{ id: 'o2', text: 'Notes with appreciation the report;' }]);
    await waitForAsync(async () => {
      const view = await readPositions(room.server, ROOM, kenya);
      return view.brackets.length === 1 && view.alternatives[0]?.options.length === 2;
    }, 'both proposals recorded');
    await waitFor(() => clauseElement(ke.doc, 'op', 0).get(0)?.toString().includes('appreciation') === true, 'sync');
    expect((await callApi(room.server, 'PUT', `rooms/${ROOM}/stances/b-br`, kenya, { stance: 'object' })).status).toBe(
      200,
    );
    expect((await callApi(room.server, 'PUT', `rooms/${ROOM}/stances/o2`, kenya, { stance: 'support' })).status).toBe(
      200,
    );

    const html = await exportText('format=html&mode=compilation');
    expect(html).toContain(`[${op2.slice(0, 5)}]<sup class="tag">Brazil</sup>`);
    expect(html).toContain('<span class="alt-label">Alt 2 (Brazil):</span>');
    expect(html).toContain(`<strong>[${op2.slice(0, 5)}]:</strong> Proposed by Brazil; opposed by Kenya`);
    expect(html).toContain('<strong>Alt 2:</strong> Proposed by Brazil; supported by Kenya');
    const clean = await exportText('format=html&mode=clean');
    expect(clean).toContain(`[${op2.slice(0, 5)}]`);
    expect(clean).not.toContain('Brazil');

    const picked = await callApi(room.server, 'POST', `rooms/${ROOM}/alternatives/g1/pick`, room.chair, {
      option: 'o2',
    });
    expect(picked.status).toBe(200);
    const out = join(room.server.dataDir, 'compilation.md');
    const run = spawnSync(
      process.execPath,
      [CLI, 'export', '--room', ROOM, '--format', 'md', '--mode', 'compilation', '--out', out],
      { env: cliEnv(room.server.dataDir), encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('\\]^Brazil^');
    expect(md).toContain('Proposed by Brazil; opposed by Kenya');
    // The pick left one formulation: no labels, the picked text in place.
    expect(md).toContain('*Notes with appreciation* the report;');
    expect(md).not.toContain('Alt 2');
  });
});

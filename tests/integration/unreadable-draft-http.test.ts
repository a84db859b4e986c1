import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCHEMA_VERSION } from '@plenary/schema';
import { describe, expect, it } from 'vitest';
import { callApi, createRoom, errorCode } from '../support/api.js';
import { useOperatorServer } from '../support/server.js';
import { cliEnv } from '../support/spawned-server.js';

const CLI = fileURLToPath(new URL('../../server/scripts/cli.mjs', import.meta.url));
/** Bytes that are no Yjs update: applying them throws. */
const GARBLED = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]);

describe('a room whose stored draft does not decode, over HTTP and the CLI', () => {
  const ctx = useOperatorServer();

  /** A room created from a template whose log then gets an update that does not decode. */
  async function brokenRoom(id: string): Promise<void> {
    await createRoom(ctx.server, id);
    await ctx.server.server.storage.appendUpdates(id, [{ update: GARBLED, delegation: 'Seed', person: null, time: 1 }]);
  }

  it('answers exports of the current draft with 503 room_unavailable and changes nothing stored', async () => {
    await brokenRoom('broken-export');
    const before = await ctx.server.server.storage.loadDocument('broken-export');
    for (const format of ['html', 'docx', 'json']) {
      const answer = await callApi(ctx.server, 'GET', `rooms/broken-export/export?format=${format}`, ctx.operator);
      expect(answer.status, format).toBe(503);
      expect(errorCode(answer)).toBe('room_unavailable');
      expect(JSON.stringify(answer.body)).not.toMatch(/Unexpected|array|stack/i);
    }
    expect(await ctx.server.server.storage.loadDocument('broken-export')).toEqual(before);
  });

  it('answers an export of a zero draft whose seed does not decode with 503', async () => {
    const now = Date.now();
    await ctx.server.server.storage.putRoom({
      id: 'broken-seed',
      title: 'Broken seed',
      symbol: null,
      template: 'draft-resolution',
      schemaVersion: SCHEMA_VERSION,
      createdAt: now,
      updatedAt: now,
    });
    await ctx.server.server.storage.appendUpdates('broken-seed', [
      { update: GARBLED, delegation: 'Seed', person: null, time: now },
    ]);
    const answer = await callApi(ctx.server, 'GET', 'rooms/broken-seed/export?format=html&revision=zero', ctx.operator);
    expect(answer.status).toBe(503);
    expect(errorCode(answer)).toBe('room_unavailable');
  });

  it('answers a new comment thread with 503 instead of an internal error', async () => {
    await brokenRoom('broken-comments');
    const answer = await callApi(ctx.server, 'POST', 'rooms/broken-comments/comments', ctx.operator, {
      clauseId: 'pp-1',
      body: 'Can we keep the agreed wording?',
    });
    expect(answer.status).toBe(503);
    expect(errorCode(answer)).toBe('room_unavailable');
    expect(await ctx.server.server.storage.listCommentThreads('broken-comments')).toEqual([]);
  });

  it('fails a CLI export with exit 1, naming the reason and its cause, and writes no file', async () => {
    await brokenRoom('broken-cli');
    const out = join(ctx.server.dataDir, 'broken.html');
    let failure: { status: number; stderr: string } | null = null;
    try {
      execFileSync(process.execPath, [CLI, 'export', '--room', 'broken-cli', '--format', 'html', '--out', out], {
        env: cliEnv(ctx.server.dataDir),
        stdio: 'pipe',
      });
    } catch (error) {
      const { status, stderr } = error as { status: number; stderr: Buffer };
      failure = { status, stderr: stderr.toString() };
    }
    expect(failure?.status).toBe(1);
    expect(failure?.stderr).toMatch(/^plenary: the stored draft could not be read \(.+\)\n$/);
    expect(existsSync(out)).toBe(false);
  });
});

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { launchBrowser } from '../support/browser.js';
import { connectClient, whenSynced } from '../support/clients.js';
import { createRoomByApi, waitForClauseText, waitForDraft, waitForSaveState } from '../support/draft-page.js';
import { addToLocalDraft } from '../support/local-data.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { webAppSnapshot } from '../support/web-app.js';
import { appendToClause, clauseYText } from '../support/y-draft.js';

const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');

describe('an update the server refuses (4509)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    server = await startTestServer({ config: { webRoot: webAppSnapshot(), openRoomCreation: true } });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.httpUrl });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('discards the local copy, resyncs, and offers the text that was not applied', async () => {
    const { room, token } = await createRoomByApi(server.httpUrl, { title: 'Refusal', template: 'due-regard' });
    const page = await context.newPage();
    await page.goto(`${server.httpUrl}/rooms/${room}#invite=${token}`);
    await waitForDraft(page);

    // Ghana writes, which binds its Yjs client id to Ghana for as long as the room is loaded.
    const ghana = connectClient(server.wsUrl, room, await server.token(room, 'Ghana'));
    await whenSynced(ghana.provider);
    appendToClause(ghana.doc, 'op', 1, ' GHANA-TEXT');
    await waitForClauseText(page, 'OP 2', 'GHANA-TEXT');
    await waitForSaveState(page, 'All changes saved');

    // This browser's device copy gets a change written under Ghana's client id: the server
    // refuses it from the chair's connection when the room is reopened.
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(ghana.doc));
    forged.clientID = ghana.doc.clientID;
    appendToClause(forged, 'op', 0, ' NOT-APPLIED-TEXT');
    await page.goto(`${server.httpUrl}/`);
    await addToLocalDraft(page, room, Y.encodeStateAsUpdate(forged));

    await page.goto(`${server.httpUrl}/rooms/${room}`);
    const panel = page.locator('[data-testid="not-applied"]');
    await panel.waitFor({ timeout: 30_000 });
    expect(await panel.locator('[data-clause="OP 1"] .not-applied-text').textContent()).toBe(' NOT-APPLIED-TEXT');
    expect(await page.locator('.banner[data-problem="refused"]').count()).toBe(1);

    // The draft shown is the stored one, and it stays that way after a reload (IndexedDB cleared).
    await waitForSaveState(page, 'All changes saved');
    expect(await page.locator('.draft .clause[data-label="OP 1"] > .body').textContent()).not.toContain('NOT-APPLIED');
    await page.locator('[data-testid="not-applied"] button', { hasText: 'Copy text' }).click();
    await page.locator('[data-testid="not-applied"] output', { hasText: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('OP 1:  NOT-APPLIED-TEXT');
    await page.screenshot({ path: join(SCREENSHOTS, 'not-applied.png') });

    await page.reload();
    await waitForDraft(page);
    await waitForSaveState(page, 'All changes saved');
    expect(await page.locator('[data-testid="not-applied"]').count()).toBe(0);
    expect(await page.locator('.draft .clause[data-label="OP 1"] > .body').textContent()).not.toContain('NOT-APPLIED');
    expect(clauseYText(ghana.doc, 'op', 0).toString()).not.toContain('NOT-APPLIED');
    ghana.destroy();
    await page.close();
  });
});

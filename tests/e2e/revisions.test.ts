import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom } from '../support/api.js';
import { launchBrowser } from '../support/browser.js';
import {
  caretAtEndOf,
  clauseTextOf,
  openSideTab,
  waitForClauseText,
  waitForClauseTextToBe,
  waitForDraft,
} from '../support/draft-page.js';
import { listed } from '../support/revisions.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { webAppSnapshot } from '../support/web-app.js';

const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
const ROOM = 'revisions-e2e';

describe('revisions in the drafting room', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let chair: Page;
  let france: Page;
  let brazil: Page;
  let chairToken = '';
  const errors: string[] = [];

  async function open(token: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.httpUrl}/rooms/${ROOM}#invite=${token}`);
    await waitForDraft(page);
    await openSideTab(page, 'Revisions');
    return page;
  }

  async function issueFromPanel(label: string): Promise<void> {
    const panel = chair.locator('.revisions-panel');
    await panel.locator('.revision-issue input').first().fill(label);
    await panel.getByRole('button', { name: `Issue ${label}` }).click();
    await panel.locator('.revisions-status', { hasText: `${label} issued.` }).waitFor();
  }

  beforeAll(async () => {
    server = await startTestServer({ config: { webRoot: webAppSnapshot() } });
    chairToken = await createRoom(server, ROOM, 'Norms of responsible behaviour');
    browser = await launchBrowser();
    chair = await open(chairToken);
    france = await open(await server.token(ROOM, 'France'));
    brazil = await open(await server.token(ROOM, 'Brazil'));
  });

  afterAll(async () => {
    expect(errors).toEqual([]);
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('issues Rev.1, takes edits, issues Rev.2, and a delegate compares them with the concordance', async () => {
    const original = await clauseTextOf(chair, 'OP 1');
    await issueFromPanel('Rev.1');
    await caretAtEndOf(france, 'OP 1');
    await france.keyboard.type(' without delay');
    await waitForClauseText(chair, 'OP 1', 'without delay', { others: [france] });
    await issueFromPanel('Rev.2');
    expect((await listed(server, ROOM, chairToken)).map((r) => r.label)).toEqual(['Rev.1', 'Rev.2']);

    const panel = brazil.locator('.revisions-panel');
    await panel.locator('[data-revision="rev-2"]').waitFor({ timeout: 15_000 });
    await panel.locator('.revision-compare select').nth(0).selectOption('rev-1');
    await panel.locator('.revision-compare select').nth(1).selectOption('rev-2');
    await panel.getByRole('button', { name: 'Compare' }).click();
    const row = panel.locator('.concordance tr.concordance-changed').first();
    await row.waitFor();
    expect(await row.textContent()).toBe('Rev.1 OP 1Rev.2 OP 1changed');
    expect(await panel.locator('.revision-clause-text ins').first().textContent()).toContain('delay');
    expect(await panel.locator('.concordance tbody tr').count()).toBeGreaterThan(5);
    expect(original).not.toContain('without delay');
  });

  it("restores Rev.1 from the chair's panel for everyone, live", async () => {
    const before = await clauseTextOf(france, 'OP 1');
    const restored = before.replace(' without delay', '');
    await chair.locator('.revisions-panel').getByRole('button', { name: 'Restore Rev.1' }).click();
    for (const page of [chair, france, brazil]) await waitForClauseTextToBe(page, 'OP 1', restored);
  });

  // Opening from the panel does not show the banner yet in this end-to-end run.
});

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom } from '../support/api.js';
import { launchBrowser } from '../support/browser.js';
import {
  caretAtEndOf,
  clauseLabels,
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

  /** The labels the read-only revision view shows in its margin, in order. */
  function revisionLabels(page: Page): Promise<string[]> {
    return page.$$eval('.revision-text .clause[data-label]', (nodes) =>
      nodes.map((n) => n.getAttribute('data-label') ?? ''),
    );
  }

  let rev1Labels: string[] = [];
  let rev1Op1 = '';

  it('issues Rev.1, takes the delegations’ edits, issues Rev.2, and a delegate compares them with the concordance', async () => {
    rev1Op1 = await clauseTextOf(chair, 'OP 1');
    rev1Labels = await clauseLabels(chair);
    await issueFromPanel('Rev.1');
    await caretAtEndOf(france, 'OP 1');
    await france.keyboard.type(' without delay');
    await waitForClauseText(chair, 'OP 1', 'without delay', { others: [france] });
    // Brazil adds an operative paragraph after OP 1: the later ones are numbered one on.
    await caretAtEndOf(brazil, 'OP 1');
    await brazil.keyboard.press('Enter');
    await brazil.keyboard.type('Requests a report on implementation.');
    await waitForClauseText(chair, 'OP 2', 'Requests a report', { others: [brazil] });
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
    expect(await panel.locator('.concordance tr.concordance-added').first().textContent()).toBe('newRev.2 OP 2added');
    // The old OP 2 is OP 3 in Rev.2: the concordance says so.
    expect(await panel.locator('.concordance tbody tr').allTextContents()).toContain('Rev.1 OP 2Rev.2 OP 3unchanged');
    expect(await panel.locator('.revision-clause-text ins').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('without delay'), expect.stringContaining('Requests a report')]),
    );
    expect(rev1Op1).not.toContain('without delay');
    await brazil.locator('.side-column').screenshot({ path: join(SCREENSHOTS, 'revisions-compare.png') });
  });

  it('opens Rev.1 read-only in the room under a banner, numbered as it was; typing there changes and sends nothing', async () => {
    const liveBefore = await clauseTextOf(france, 'OP 1');
    const storedBefore = (await server.server.storage.readUpdates(ROOM, 0, 1e6)).at(-1)?.seq ?? 0;
    await brazil.locator('.revisions-panel').getByRole('button', { name: 'Open Rev.1' }).click();
    const banner = brazil.locator('.revision-banner');
    await banner.waitFor();
    expect(await banner.locator('.revision-banner-title').textContent()).toMatch(
      /^Rev\.1 — read-only, issued .+ by Chair/,
    );
    // The live draft is out of sight and out of reach; the revision's text takes no input.
    expect(await brazil.locator('article[aria-label="Draft"]').isHidden()).toBe(true);
    expect(await brazil.locator('.revision-text').getAttribute('contenteditable')).toBe('false');
    expect(await brazil.locator('.revision-text [contenteditable="true"]').count()).toBe(0);
    expect(await revisionLabels(brazil)).toEqual(rev1Labels);
    const shownOp1 = brazil.locator('.revision-text .clause[data-label="OP 1"] > .body');
    expect(await shownOp1.textContent()).toBe(rev1Op1);
    await shownOp1.click();
    await brazil.keyboard.type('typed into a revision');
    await brazil.keyboard.press('Enter');
    await brazil.keyboard.press('Backspace');
    expect(await shownOp1.textContent()).toBe(rev1Op1);
    expect(await brazil.locator('.revision-text').textContent()).not.toContain('typed into');
    await brazil.locator('.room').screenshot({ path: join(SCREENSHOTS, 'revisions.png') });

    // Back to the live draft, a word typed there arrives: whatever was sent before it would have too.
    await banner.getByRole('button', { name: 'Back to the live draft' }).click();
    await banner.waitFor({ state: 'detached' });
    await caretAtEndOf(brazil, 'OP 2');
    await brazil.keyboard.type(' promptly');
    await waitForClauseText(france, 'OP 2', 'promptly', { others: [brazil] });
    for (const page of [chair, france, brazil]) {
      expect(await page.locator('.draft').first().textContent()).not.toContain('typed into');
      expect(await clauseTextOf(page, 'OP 1')).toBe(liveBefore);
    }
    const stored = await server.server.storage.readUpdates(ROOM, storedBefore, 1e6);
    expect(stored.every((u) => u.delegation === 'Brazil')).toBe(true);
  });

  it("restores Rev.1 from the chair's panel for everyone, live", async () => {
    await chair.locator('.revisions-panel').getByRole('button', { name: 'Restore Rev.1' }).click();
    for (const page of [chair, france, brazil]) {
      await waitForClauseTextToBe(page, 'OP 1', rev1Op1);
      await page.waitForFunction(
        (count) => document.querySelectorAll('.draft .clause[data-label]').length === count,
        rev1Labels.length,
      );
      expect(await clauseLabels(page)).toEqual(rev1Labels);
    }
  });
});

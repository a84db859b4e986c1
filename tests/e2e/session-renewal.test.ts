import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import {
  caretAtEndOf,
  createRoomByApi,
  waitForClauseText,
  waitForDraft,
  waitForSaveState,
} from '../support/draft-page.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { webAppSnapshot } from '../support/web-app.js';

/** Seconds a short-lived token lasts: the app renews it after three quarters of that. */
const SHORT_TTL = 8;

/** Resolves once the clock is `ms` past the expiry (`exp`, seconds) of `token`. */
async function pastExpiry(page: Page, token: string, ms: number): Promise<void> {
  const exp = (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { exp: number }).exp;
  await page.waitForFunction((deadline) => Date.now() > deadline, exp * 1000 + ms, { timeout: 30_000 });
}

describe('a session token running out while the room is open', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let room: string;
  let chairToken: string;

  async function openAs(token: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.httpUrl}/rooms/${room}#invite=${token}`);
    await waitForDraft(page);
    return page;
  }

  beforeAll(async () => {
    server = await startTestServer({ config: { webRoot: webAppSnapshot(), openRoomCreation: true } });
    browser = await launchBrowser();
    ({ room, token: chairToken } = await createRoomByApi(server.httpUrl, {
      title: 'Renewals',
      template: 'draft-resolution',
    }));
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('is renewed over HTTP before it expires, stored, and used to reconnect without losing edits', async () => {
    const chair = await openAs(chairToken);
    const token = await server.token(room, 'Kenya', 'delegate', { ttlSeconds: SHORT_TTL, person: 'otieno' });
    const kenya = await openAs(token);
    await waitForSaveState(kenya, 'All changes saved');
    await kenya.waitForFunction(
      ({ r, old }) => {
        const stored = localStorage.getItem(`plenary.token.${r}`);
        return stored !== null && stored !== old;
      },
      { r: room, old: token },
      { timeout: 30_000 },
    );
    // Past the first token's expiry, the connection (now on the renewed token) still works.
    await pastExpiry(kenya, token, 1000);
    await caretAtEndOf(kenya, 'OP 1');
    await kenya.keyboard.type(' RENEWEDWORDS');
    await waitForClauseText(chair, 'OP 1', 'RENEWEDWORDS');
    await waitForSaveState(kenya, 'All changes saved');
    expect(await kenya.locator('.banner-error').count()).toBe(0);
  });

  it('is closed by the server at expiry when renewal fails, and the app asks for a new invite', async () => {
    const token = await server.token(room, 'Chile', 'delegate', { ttlSeconds: SHORT_TTL, person: 'rojas' });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    // Renewal requests never reach the server from this browser.
    await page.route('**/session/renew', (route) => route.abort());
    await page.goto(`${server.httpUrl}/rooms/${room}#invite=${token}`);
    await waitForDraft(page);
    const banner = page.locator('[role="alert"][data-problem="session-expired"]');
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.textContent()).toContain('Your session has expired');
    expect(await banner.textContent()).toContain('Ask the Chair for a new invite link');
    expect(await page.locator('.draft').getAttribute('contenteditable')).toBe('false');
  });
});

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { caretAtEndOf, clauseLabels, createRoomByApi, waitForDraft } from '../support/draft-page.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { webAppSnapshot } from '../support/web-app.js';

const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');

/** Whether the clause labelled `label` is highlighted as followed and lies inside the viewport. */
function followedInView(page: Page, label: string): Promise<boolean> {
  return page.evaluate((expected) => {
    const followed = document.querySelector('.draft .clause.followed');
    if (!followed || followed.getAttribute('data-label') !== expected) return false;
    const box = followed.getBoundingClientRect();
    return box.top >= 0 && box.top < window.innerHeight;
  }, label);
}

describe('the projection view', () => {
  let server: TestServer;
  let browser: Browser;
  let chairContext: BrowserContext;
  let screenContext: BrowserContext;

  beforeAll(async () => {
    server = await startTestServer({ config: { webRoot: webAppSnapshot(), openRoomCreation: true } });
    browser = await launchBrowser();
    chairContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    screenContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  });

  afterAll(async () => {
    await chairContext?.close();
    await screenContext?.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows the draft large and read-only, follows the chair’s clause, and leaves on Esc', async () => {
    const { room, token } = await createRoomByApi(server.httpUrl, {
      title: 'Reducing space threats through norms of responsible behaviour',
      symbol: 'A/AC.294/2026/L.1',
      template: 'draft-resolution',
    });
    const chair = await chairContext.newPage();
    await chair.goto(`${server.httpUrl}/rooms/${room}#invite=${token}`);
    await waitForDraft(chair);

    const screen = await screenContext.newPage();
    await screen.goto(`${server.httpUrl}/rooms/${room}#invite=${token}`);
    await waitForDraft(screen);
    // The template's blanks give drafting notes in the margin of the drafting view.
    await screen.locator('.draft .lint-marker').first().waitFor();
    await screen.locator('[data-testid="projection-button"]').click();
    await screen.locator('[data-testid="projection"]').waitFor();
    expect(new URL(screen.url()).hash).toBe('#projection');
    await waitForDraft(screen);
    expect(await screen.locator('.draft').getAttribute('contenteditable')).toBe('false');
    expect(await screen.locator('.side-column').count()).toBe(0);

    const labels = await clauseLabels(screen);
    const last = labels.filter((l) => l.startsWith('OP')).pop() ?? '';
    expect(last).not.toBe('');
    await caretAtEndOf(chair, last);
    await screen.waitForFunction(
      (expected) => document.querySelector('.draft .clause.followed')?.getAttribute('data-label') === expected,
      last,
    );
    await screen.waitForFunction(() => {
      const box = document.querySelector('.draft .clause.followed')?.getBoundingClientRect();
      return box !== undefined && box.top >= 0 && box.bottom <= window.innerHeight + 1;
    });
    expect(await followedInView(screen, last)).toBe(true);

    await caretAtEndOf(chair, 'PP 1');
    await screen.waitForFunction(() => {
      const followed = document.querySelector('.draft .clause.followed');
      const box = followed?.getBoundingClientRect();
      return followed?.getAttribute('data-label') === 'PP 1' && box !== undefined && box.top >= 0;
    });
    // Drafting notes are for drafters, not for the room's screen.
    expect(await screen.locator('.draft .lint-marker').count()).toBe(0);
    await screen.screenshot({ path: join(SCREENSHOTS, 'projection.png') });

    await screen.keyboard.press('Escape');
    await screen.locator('[data-testid="projection"]').waitFor({ state: 'detached' });
    expect(new URL(screen.url()).hash).toBe('');
    expect(await screen.locator('.side-column').count()).toBe(1);

    // The address alone opens it: a bookmark on the room's screen.
    await screen.goto(`${server.httpUrl}/rooms/${room}#projection`);
    await screen.locator('[data-testid="projection"]').waitFor();
    await waitForDraft(screen);
  });
});

import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeFindings } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { caretAtEndOf, createRoomByApi, waitForDraft, waitForSaveState } from '../support/draft-page.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { webAppSnapshot } from '../support/web-app.js';

describe('accessibility', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let room: string;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer({ config: { webRoot: webAppSnapshot(), openRoomCreation: true } });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    ({ room, token } = await createRoomByApi(server.httpUrl, {
      title: 'Accessible room',
      template: 'draft-resolution',
    }));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('finds nothing serious in the lobby', async () => {
    const page = await context.newPage();
    await page.goto(`${server.httpUrl}/`);
    await page.locator('[data-template]').first().waitFor();
    expect(await seriousAxeFindings(page)).toEqual([]);
    await page.close();
  });

  it('finds nothing serious in the drafting room, and labels clauses for screen readers', async () => {
    const page = await context.newPage();
    await page.goto(`${server.httpUrl}/rooms/${room}#invite=${token}`);
    await waitForDraft(page);
    await waitForSaveState(page, 'All changes saved');
    // Another delegation's labelled caret is part of what is scanned.
    const kenya = await context.browser()?.newPage();
    if (!kenya) throw new Error('no browser');
    await kenya.goto(`${server.httpUrl}/rooms/${room}#invite=${await server.token(room, 'Kenya')}`);
    await waitForDraft(kenya);
    await caretAtEndOf(kenya, 'OP 2');
    await page.locator('.draft .remote-caret').waitFor();
    expect(await seriousAxeFindings(page)).toEqual([]);
    await kenya.close();
    const op1 = page.locator('.draft .clause[data-label="OP 1"]');
    expect(await op1.getAttribute('role')).toBe('group');
    expect(await op1.getAttribute('aria-label')).toBe('Operative paragraph 1');
    expect(await page.getByRole('textbox', { name: 'Draft text' }).count()).toBe(1);
    await page.close();
  });

  it('finds nothing serious in the projection view', async () => {
    const page = await context.newPage();
    await page.goto(`${server.httpUrl}/rooms/${room}#projection`);
    await page.locator('[data-testid="projection"]').waitFor();
    await waitForDraft(page);
    expect(await seriousAxeFindings(page)).toEqual([]);
    await page.close();
  });

  it('reaches the room’s controls and the draft with the keyboard, with a visible focus, and Escape leaves the draft', async () => {
    const page = await context.newPage();
    await page.goto(`${server.httpUrl}/rooms/${room}`);
    await waitForDraft(page);
    const reached: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const draft = el.classList.contains('draft');
        // The draft shows its focus on the sheet around it; everything else has the ring.
        const style = getComputedStyle(draft ? (el.closest('.paper') ?? el) : el);
        const visible = draft
          ? style.boxShadow !== 'none'
          : style.outlineStyle !== 'none' && style.outlineWidth !== '0px';
        return { name: draft ? 'Draft text' : (el.textContent ?? '').trim(), visible, draft };
      });
      if (!focused) continue;
      expect(focused.visible, `focus visible on "${focused.name}"`).toBe(true);
      reached.push(focused.name);
      if (focused.draft) break;
    }
    expect(reached).toContain('Projection view');
    expect(reached).toContain('Leave room and forget it on this device');
    expect(reached[reached.length - 1]).toBe('Draft text');

    // Tab indents inside the draft; Escape is the way out, to the side panels.
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.closest('.side-column') !== null)).toBe(true);
    await page.close();
  });
});

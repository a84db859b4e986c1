import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { caretAtEndOf, clauseSelector, createRoomByApi, waitForDraft } from '../support/draft-page.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { webAppSnapshot } from '../support/web-app.js';

/** Each section's heading with the first words of its clauses, in document order. */
function sections(page: Page): Promise<string[]> {
  return page.$$eval('.draft section', (nodes) =>
    nodes.map((section) => {
      const heading = section.querySelector('h2')?.textContent ?? '';
      const clauses = [...section.querySelectorAll(':scope > .clause > .body')].map((body) =>
        (body.textContent ?? '').split(' ').slice(0, 1).join(' '),
      );
      return `${heading}: ${clauses.join(', ')}`;
    }),
  );
}

describe('clause commands', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer({ config: { webRoot: webAppSnapshot(), openRoomCreation: true } });
    browser = await launchBrowser();
    const { room, token } = await createRoomByApi(server.httpUrl, { title: 'Norms', template: 'draft-resolution' });
    page = await browser.newPage();
    await page.goto(`${server.httpUrl}/rooms/${room}#invite=${token}`);
    await waitForDraft(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('adds an OP inside the section when the cursor is on its last OP', async () => {
    expect(await sections(page)).toEqual(['Norms: Calls, Encourages', 'Implementation: Requests, Decides']);
    await caretAtEndOf(page, 'OP 3 (c)');
    await page.locator('button[data-action="add-op"]').click();
    await page.keyboard.type('Stresses');
    await page.waitForFunction(() => document.querySelector('.draft section')?.textContent?.includes('Stresses'));
    expect(await sections(page)).toEqual(['Norms: Calls, Encourages, Stresses', 'Implementation: Requests, Decides']);
  });

  it('moves the last OP of a section into the next one, and says why a command cannot act', async () => {
    await caretAtEndOf(page, 'OP 4');
    await page.locator('button[data-action="move-down"]').click();
    await page.waitForFunction(() => document.querySelectorAll('.draft section')[1]?.textContent?.includes('Stresses'));
    expect(await sections(page)).toEqual(['Norms: Calls, Encourages', 'Implementation: Stresses, Requests, Decides']);

    await caretAtEndOf(page, 'OP 1');
    await page.locator('button[data-action="move-up"]').click();
    const notice = page.locator('[data-testid="command-notice"]');
    await notice.filter({ hasText: 'This is already the first operative paragraph.' }).waitFor();
    await caretAtEndOf(page, 'PP 1');
    await page.keyboard.press('Control+]');
    await notice.filter({ hasText: 'Preambular paragraphs have no sub-paragraphs.' }).waitFor();
  });

  it('fills a placeholder in when typing inside it, instead of growing the blank', async () => {
    const pp1 = page.locator(`${clauseSelector('PP 1')} > .body`);
    await caretAtEndOf(page, 'PP 1');
    // The caret four letters into the blank, as a click inside it puts it.
    await page.evaluate(
      (selector) => {
        const text = document.querySelector(selector)?.firstChild;
        if (!text) throw new Error('no placeholder');
        window.getSelection()?.collapse(text, 4);
      },
      `${clauseSelector('PP 1')} > .body .placeholder`,
    );
    await page.waitForFunction(() =>
      window.getSelection()?.anchorNode?.parentElement?.classList.contains('placeholder'),
    );
    await page.keyboard.type('resolution 79/1');
    await page.waitForFunction(
      (selector) => document.querySelector(selector)?.textContent?.includes('resolution 79/1'),
      `${clauseSelector('PP 1')} > .body`,
    );
    expect(await pp1.locator('.placeholder').count()).toBe(0);
    expect(await pp1.textContent()).toContain('Recalling resolution 79/1,');
  });
});

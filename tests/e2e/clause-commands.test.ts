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

  it('makes clauses of numbered paragraphs pasted from Word, numbers stripped, nothing loose', async () => {
    // What Word puts on the clipboard for a numbered list: hidden list numbers in mso-list spans.
    const word = [
      '<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>',
      "<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]>",
      "<span style='mso-list:Ignore'>1.<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp; </span></span>",
      '<![endif]><b>Requests</b> the Secretary-General to report on orbital data;</p>',
      "<p class=MsoListParagraphCxSpMiddle style='mso-list:l0 level2 lfo1'><![if !supportLists]>",
      "<span style='mso-list:Ignore'>(a)<span>&nbsp;&nbsp; </span></span><![endif]>Launch notifications;</p>",
      "<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><![if !supportLists]>",
      "<span style='mso-list:Ignore'>2.<span>&nbsp;&nbsp; </span></span><![endif]>Decides to remain seized of the matter.</p>",
      '</body></html>',
    ].join('');
    await caretAtEndOf(page, 'OP 1');
    const before = await page.locator('.draft .clause').count();
    await page.evaluate((html) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', '1. Requests …\n(a) Launch notifications;\n2. Decides …');
      const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      document.querySelector('.draft')?.dispatchEvent(paste);
    }, word);
    await page.waitForFunction((count) => document.querySelectorAll('.draft .clause').length === count + 3, before);
    const body = (label: string) => page.locator(`${clauseSelector(label)} > .body`).textContent();
    expect(await body('OP 1')).not.toContain('Requests');
    expect(await body('OP 2')).toBe('Requests the Secretary-General to report on orbital data;');
    expect(await body('OP 2 (a)')).toBe('Launch notifications;');
    expect(await body('OP 3')).toBe('Decides to remain seized of the matter.');
    // No paragraph outside a clause anywhere in the draft.
    expect(await page.locator('.draft .operative > p, .draft section > p').count()).toBe(0);
  });
});

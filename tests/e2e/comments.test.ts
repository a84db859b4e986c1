import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, createRoom } from '../support/api.js';
import { launchBrowser } from '../support/browser.js';
import { caretAtStartOf, clauseSelector, openSideTab, waitForClauseText, waitForDraft } from '../support/draft-page.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { webAppSnapshot } from '../support/web-app.js';

const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
const ROOM = 'comments-e2e';
const HOSTILE =
  'Too broad. <script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> ' +
  'javascript:window.__pwned=3 see https://example.org/norms and @Peru';

/** Selects the first run of text of the clause labelled `label` (at most `length` characters), as a user would. */
async function selectWords(page: Page, label: string, length: number): Promise<void> {
  const selector = `${clauseSelector(label)} > .body`;
  await page.locator(selector).click();
  await page.evaluate(
    ({ selector, length }) => {
      const body = document.querySelector(selector);
      const walker = body ? document.createTreeWalker(body, NodeFilter.SHOW_TEXT) : null;
      const text = walker?.nextNode() as Text | null;
      if (!text) throw new Error(`no text in ${selector}`);
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, Math.min(length, text.length));
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    },
    { selector, length },
  );
  await page.waitForFunction(() => (window.getSelection()?.toString().length ?? 0) > 0);
}

/** The thread card in the side panel holding `text`. */
function threadCard(page: Page, text: string) {
  return page.locator('.comments-panel .comment-thread', { hasText: text });
}

describe('comments on clauses', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let ghana: Page;
  let peru: Page;
  let chair: Page;
  let chairToken = '';
  let quote = '';
  const dialogs: string[] = [];

  async function open(token: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${server.httpUrl}/rooms/${ROOM}#invite=${token}`);
    await waitForDraft(page);
    await openSideTab(page, 'Comments');
    return page;
  }

  beforeAll(async () => {
    const webRoot = webAppSnapshot();
    server = await startTestServer({ config: { webRoot } });
    chairToken = await createRoom(server, ROOM, 'Norms of responsible behaviour');
    browser = await launchBrowser();
    ghana = await open(await server.token(ROOM, 'Ghana'));
    peru = await open(await server.token(ROOM, 'Peru'));
    chair = await open(chairToken);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('lets A comment on a span and B see it live, highlighted, and reply', async () => {
    await selectWords(ghana, 'OP 1', 12);
    quote = await ghana.evaluate(() => window.getSelection()?.toString() ?? '');
    await ghana.getByRole('button', { name: 'Comment', exact: true }).click();
    await ghana.getByLabel('Comment', { exact: true }).fill(HOSTILE);
    await ghana.getByRole('button', { name: 'Post comment' }).click();
    const onPeru = threadCard(peru, 'Too broad.');
    await onPeru.waitFor();
    expect(await onPeru.locator('.comment-label').textContent()).toBe('OP 1');
    expect(await onPeru.locator('.comment-quote').textContent()).toBe(quote);
    await peru.locator('.draft .comment-span').first().waitFor();
    expect((await peru.locator('.draft .comment-span').allTextContents()).join('')).toBe(quote);
    expect(await peru.locator(`${clauseSelector('OP 1')}.has-comments`).getAttribute('data-comments')).toBe('1');
    expect(await onPeru.locator('.comment-unread').textContent()).toBe('1 new');

    await onPeru.locator('.comment-thread-head').click();
    await onPeru.getByLabel('Reply').fill('We could accept "all States".');
    await onPeru.getByRole('button', { name: 'Reply' }).click();
    await threadCard(ghana, 'We could accept').waitFor();
  });

  it('keeps the highlight on the words through edits by others and a move of the clause', async () => {
    await caretAtStartOf(ghana, 'OP 1');
    await ghana.keyboard.type('Also ');
    await waitForClauseText(peru, 'OP 1', 'Also ');
    await peru.waitForFunction(
      (q) => [...document.querySelectorAll('.draft .comment-span')].map((e) => e.textContent).join('') === q,
      quote,
    );
    // Moving a clause is a delete and an insert in Yjs: its thread follows the clause id.
    await selectWords(peru, 'OP 3', 10);
    const words = await peru.evaluate(() => window.getSelection()?.toString() ?? '');
    await peru.getByRole('button', { name: 'Comment', exact: true }).click();
    await peru.getByLabel('Comment', { exact: true }).fill('Order matters');
    await peru.getByRole('button', { name: 'Post comment' }).click();
    await threadCard(ghana, 'Order matters').waitFor();
    await caretAtStartOf(ghana, 'OP 3');
    await ghana.getByRole('button', { name: /Move up/ }).click();
    await waitForClauseText(peru, 'OP 2', words);
    const card = threadCard(peru, 'Order matters');
    await peru.waitForFunction(
      () =>
        document.querySelector('.comments-panel .comment-thread:has(.comment-body) .comment-label') !== null &&
        [...document.querySelectorAll('.comments-panel .comment-thread')].some(
          (c) => c.textContent?.includes('Order matters') && c.querySelector('.comment-label')?.textContent === 'OP 2',
        ),
    );
    const highlighted = await peru.locator(`${clauseSelector('OP 2')} .comment-span`).allTextContents();
    expect(highlighted.join('')).toBe(words);
    expect(await card.locator('.comment-quote').textContent()).toBe(words);
  });

  it('filters threads by delegation and by mentions of my delegation', async () => {
    await peru.getByLabel('Mentioning Peru').check();
    await threadCard(peru, 'Too broad.').waitFor();
    await ghana.getByLabel('Mentioning Ghana').check();
    await threadCard(ghana, 'Too broad.').waitFor({ state: 'detached' });
    expect(await ghana.locator('.comments-panel .comment-empty').textContent()).toBe('No open comments.');
    await ghana.getByLabel('Mentioning Ghana').uncheck();
    await ghana.getByLabel('From delegation').selectOption('Peru');
    await threadCard(ghana, 'Too broad.').waitFor();
    await ghana.getByLabel('From delegation').selectOption('');
    await peru.getByLabel('Mentioning Peru').uncheck();
  });

  it('keeps hostile bodies inert: no script runs, only allowlisted links are links', async () => {
    const body = threadCard(peru, 'Too broad.').locator('.comment-body').first();
    expect(await body.textContent()).toContain('<script>window.__pwned = 1</script>');
    expect(await body.locator('script, img').count()).toBe(0);
    const links = await body
      .locator('a')
      .evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.getAttribute('rel')]));
    expect(links).toEqual([['https://example.org/norms', 'noopener noreferrer nofollow']]);
    expect(await peru.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await ghana.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  it('shows unread messages and mentions of my delegation on the Comments tab', async () => {
    const tabOf = (page: Page) => page.locator('[role="tab"][data-tab="comments"]');
    expect((await tabOf(ghana).getAttribute('aria-label')) ?? '').not.toMatch(/mention/);
    await selectWords(peru, 'OP 4', 8);
    await peru.getByRole('button', { name: 'Comment', exact: true }).click();
    await peru.getByLabel('Comment', { exact: true }).fill('@Ghana could you look at this?');
    await peru.getByRole('button', { name: 'Post comment' }).click();
    await ghana.getByRole('tab', { name: /^Comments, \d+ unread, 1 mention$/ }).waitFor();
    expect(await tabOf(ghana).locator('.tab-badge').textContent()).toMatch(/^\d+·@1$/);
    // Peru's own message is not unread for Peru, nor is Ghana mentioned there.
    expect((await tabOf(peru).getAttribute('aria-label')) ?? '').not.toMatch(/mention/);
  });

  it('lets A resolve it and the chair reopen it, live everywhere', async () => {
    const onGhana = threadCard(ghana, 'Too broad.');
    await onGhana.getByRole('button', { name: 'Resolve' }).click();
    // Open threads only, by default: it leaves Peru's list.
    await threadCard(peru, 'Too broad.').waitFor({ state: 'detached' });
    // A clause whose threads are all resolved shows no count, and the words no highlight.
    await peru.locator(`${clauseSelector('OP 1')}.has-comments`).waitFor({ state: 'detached' });
    expect(await peru.locator(`${clauseSelector('OP 1')} .comment-span`).count()).toBe(0);
    await chair.locator('.comments-panel').getByLabel('Status', { exact: true }).selectOption('all');
    const onChair = threadCard(chair, 'Too broad.');
    await onChair.locator('.comment-tag.is-resolved').waitFor();
    await onChair.getByRole('button', { name: 'Reopen' }).click();
    await threadCard(peru, 'Too broad.').waitFor();
    await peru.locator('.draft .comment-span').first().waitFor();
  });

  it('keeps all of it after a reload', async () => {
    await ghana.reload();
    await waitForDraft(ghana);
    const card = threadCard(ghana, 'Too broad.');
    await card.waitFor();
    expect(await card.locator('.comment-tag.is-resolved').count()).toBe(0);
    expect(await card.locator('.comment-message').count()).toBe(2);
    expect(await card.locator('.comment-author').allTextContents()).toEqual(['Ghana', 'Peru']);
    await card.locator('.comment-thread-head').click();
    await ghana.locator('.draft .comment-span.is-active').first().waitFor();
    expect((await ghana.locator('.draft .comment-span.is-active').allTextContents()).join('')).toBe(quote);
    await ghana.screenshot({ path: join(SCREENSHOTS, 'comments.png') });
  });

  it('shows observers no Comment button or reply box until the room lets them comment', async () => {
    const observer = await open(await server.token(ROOM, 'Brazil', 'observer'));
    const card = threadCard(observer, 'Too broad.');
    await card.waitFor();
    await card.locator('.comment-thread-head').click();
    expect(await observer.locator('.comments-panel .comment-start').count()).toBe(0);
    expect(await card.getByLabel('Reply').count()).toBe(0);
    const allowed = await callApi(server, 'PATCH', `rooms/${ROOM}/settings`, chairToken, { observersMayComment: true });
    expect(allowed.status).toBe(200);
    await observer.getByRole('button', { name: 'Comment', exact: true }).waitFor();
    await card.getByLabel('Reply').waitFor();
  });
});

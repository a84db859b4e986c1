import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import {
  caretAtEndOf,
  clauseSelector,
  createRoomFromLobby,
  inviteFromRoom,
  openShareDialog,
  openSideTab,
  waitForClauseText,
  waitForDraft,
  waitForSaveState,
} from '../support/draft-page.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { webAppSnapshot } from '../support/web-app.js';

const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
const VIEWPORT = { width: 1360, height: 1000 };

/** The row of the access list for `delegation`. */
function holderRow(page: Page, delegation: string) {
  return page.locator(`dialog.share-dialog tr[data-delegation="${delegation}"]`);
}

describe("the chair's share dialog", () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let chair: Page;
  let room: string;

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: VIEWPORT });
    contexts.push(context);
    return context.newPage();
  }

  beforeAll(async () => {
    server = await startTestServer({ config: { webRoot: webAppSnapshot(), openRoomCreation: true } });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    contexts.push(context);
    chair = await context.newPage();
    room = await createRoomFromLobby(chair, server.httpUrl, {
      template: 'draft-resolution',
      title: 'Reducing space threats through norms of responsible behaviour',
      symbol: 'A/AC.294/2026/L.1',
      name: 'Ms. Rivera',
    });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('is a keyboard dialog: opens from the Share button, starts in the form, closes on Escape', async () => {
    await openSideTab(chair, 'People');
    const share = chair.getByRole('button', { name: 'Share…' });
    await share.click();
    const dialog = chair.getByRole('dialog', { name: 'Share this room' });
    await dialog.waitFor();
    expect(await chair.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('delegation');
    // The default expiry is 14 days, and 90 days is on offer.
    expect(await dialog.locator('select[name="ttl"]').inputValue()).toBe('14');
    expect(await dialog.locator('select[name="ttl"] option').allTextContents()).toEqual([
      '1 day',
      '7 days',
      '14 days',
      '30 days',
      '90 days',
    ]);
    await chair.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await share.evaluate((button) => button === document.activeElement)).toBe(true);
  });

  it('makes a delegate link that a second browser opens to draft with the chair', async () => {
    const link = await inviteFromRoom(chair, 'Kenya', { person: 'Mr. Otieno', days: 30, keepOpen: true });
    expect(link).toContain(`/rooms/${room}#invite=`);
    const dialog = chair.locator('dialog.share-dialog');
    await dialog.getByRole('button', { name: 'Copy link' }).click();
    await dialog.getByText('Link copied to the clipboard').waitFor();
    expect(await chair.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await holderRow(chair, 'Kenya').getByText('Not connected').waitFor();
    expect(await holderRow(chair, 'Kenya').locator('td').allTextContents()).toEqual(
      expect.arrayContaining(['Kenya', 'Mr. Otieno', 'Delegate']),
    );

    const kenya = await newPage();
    await kenya.goto(link);
    await waitForDraft(kenya);
    await waitForSaveState(kenya, 'All changes saved');
    // The list follows the room while open: Kenya's arrival is read at once, not at the next
    // periodic read (every 5 s).
    await holderRow(chair, 'Kenya').getByText('Connected now').waitFor({ timeout: 2_000 });
    await chair.screenshot({ path: join(SCREENSHOTS, 'share-dialog.png') });
    await dialog.getByRole('button', { name: 'Close the share dialog' }).click();

    await caretAtEndOf(kenya, 'OP 1');
    await kenya.keyboard.type(' as proposed by Kenya');
    await waitForClauseText(chair, 'OP 1', 'as proposed by Kenya');
    await caretAtEndOf(chair, 'PP 1');
    await chair.keyboard.type(' as noted by the Chair');
    await waitForClauseText(kenya, 'PP 1', 'as noted by the Chair');

    // Kenya leaves while the chair looks at the list: its row says so at once.
    await chair.getByRole('button', { name: 'Share…' }).click();
    await holderRow(chair, 'Kenya').getByText('Connected now').waitFor();
    await kenya.close();
    await holderRow(chair, 'Kenya').getByText('Not connected').waitFor({ timeout: 2_000 });
    await dialog.getByRole('button', { name: 'Close the share dialog' }).click();
  });

  it('makes an observer link that opens read-only: typing changes nothing', async () => {
    const link = await inviteFromRoom(chair, 'Space Security Index', { role: 'observer' });
    const observer = await newPage();
    await observer.goto(link);
    await waitForDraft(observer);
    await observer.locator('[data-testid="save-state"]', { hasText: 'Read only' }).waitFor();
    expect(await observer.locator('.draft').getAttribute('contenteditable')).toBe('false');
    // An observer never drafts, so it gets no toolbar of drafting commands at all.
    expect(await chair.getByRole('toolbar', { name: 'Drafting commands' }).count()).toBe(1);
    expect(await observer.getByRole('toolbar', { name: 'Drafting commands' }).count()).toBe(0);
    // Nor buttons it could never use: the template library is there to read, without Insert.
    await openSideTab(observer, 'Library');
    await observer.locator('.library-item').first().waitFor();
    expect(await observer.locator('.library-item button').count()).toBe(0);
    await openSideTab(chair, 'Library');
    expect(await chair.getByRole('button', { name: /^Insert .* at the cursor$/ }).count()).toBeGreaterThan(0);
    // The clause's text only: margin markers are drawn inside the clause on each browser's own time.
    const before = await chair.locator(`${clauseSelector('OP 2')} > .body`).textContent();
    await observer.locator(`${clauseSelector('OP 2')} > .body`).click();
    await observer.keyboard.type('OBSERVERTEXT');
    await observer.keyboard.press('Enter');
    expect(await observer.locator(`${clauseSelector('OP 2')} > .body`).textContent()).toBe(before);
    // A chair's write still arrives, so the observer is connected and would have sent anything.
    await caretAtEndOf(chair, 'OP 2');
    await chair.keyboard.type(' MARKER');
    await waitForClauseText(observer, 'OP 2', 'MARKER');
    expect(await chair.locator('.draft').textContent()).not.toContain('OBSERVERTEXT');
    expect(await observer.locator('.draft').textContent()).not.toContain('OBSERVERTEXT');
  });

  it('revokes a delegate from the list after a confirmation, and the delegate is told why', async () => {
    const link = await inviteFromRoom(chair, 'Chile', { person: 'Ms. Rojas' });
    const chile = await newPage();
    await chile.goto(link);
    await waitForDraft(chile);
    await waitForSaveState(chile, 'All changes saved');

    await openShareDialog(chair);
    const row = holderRow(chair, 'Chile');
    await row.getByText('Connected now').waitFor({ timeout: 15_000 });
    await row.getByRole('button', { name: 'Revoke person' }).click();
    const confirm = chair.getByRole('alertdialog');
    expect(await confirm.textContent()).toContain('Revoke access for Ms. Rojas (Chile)?');
    await confirm.getByRole('button', { name: 'Revoke', exact: true }).click();
    await row.getByText('Revoked').waitFor();

    const banner = chile.locator('[role="alert"][data-problem="revoked"]');
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.textContent()).toContain('Your access to this room was revoked');
    expect(await banner.textContent()).toContain('ask the Chair for a new invite');
    expect(await chile.locator('.draft').getAttribute('contenteditable')).toBe('false');
    // Kenya, who was not revoked, is still listed with access.
    expect(await holderRow(chair, 'Kenya').getByText('Revoked').count()).toBe(0);
  });
});

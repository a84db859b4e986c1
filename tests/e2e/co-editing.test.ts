import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import {
  caretAtEndOf,
  caretAtStartOf,
  clauseLabels,
  clauseSelector,
  createRoomFromLobby,
  inviteFromRoom,
  openSideTab,
  waitForClauseText,
  waitForDraft,
  waitForSaveState,
} from '../support/draft-page.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { webAppSnapshot } from '../support/web-app.js';

const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');

/** Waits until `page` shows a remote caret labelled `label`. */
async function waitForRemoteCaret(page: Page, label: string): Promise<void> {
  await page.waitForFunction(
    (expected) =>
      [...document.querySelectorAll('.draft .remote-caret-label')].some((el) => el.textContent === expected),
    label,
  );
}

describe('two delegations drafting together', () => {
  let server: TestServer;
  let browser: Browser;
  let chairContext: BrowserContext;
  let kenyaContext: BrowserContext;
  let chair: Page;
  let kenya: Page;
  let room: string;

  beforeAll(async () => {
    const webRoot = webAppSnapshot();
    server = await startTestServer({ config: { webRoot, openRoomCreation: true } });
    browser = await launchBrowser();
    chairContext = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
    kenyaContext = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
    chair = await chairContext.newPage();
    kenya = await kenyaContext.newPage();
    room = await createRoomFromLobby(chair, server.httpUrl, {
      template: 'draft-resolution',
      title: 'Reducing space threats through norms of responsible behaviour',
      symbol: 'A/AC.294/2026/L.1',
      name: 'Ms. Rivera',
    });
  });

  afterAll(async () => {
    await chairContext?.close();
    await kenyaContext?.close();
    await browser?.close();
    await server?.stop();
  });

  it('joins by invite link from a cold browser and keeps the token out of the address bar', async () => {
    const link = await inviteFromRoom(chair, 'Kenya', { person: 'Mr. Otieno' });
    expect(link).toContain(`/rooms/${room}#invite=`);
    await kenya.goto(link);
    await waitForDraft(kenya);
    await waitForSaveState(kenya, 'All changes saved');
    expect(new URL(kenya.url()).hash).toBe('');
    const stored = await kenya.evaluate((r) => localStorage.getItem(`plenary.token.${r}`), room);
    expect(stored).toBe(link.split('#invite=')[1]);
    expect(await kenya.locator('.whoami').textContent()).toBe('Kenya · Mr. Otieno · Delegate');
    // Only the chair edits the room record and mints invites.
    expect(await kenya.getByRole('button', { name: 'Edit title and symbol' }).count()).toBe(0);
    expect(await kenya.getByRole('button', { name: 'Share…' }).count()).toBe(0);
    // Presence, grouped by delegation, on both screens.
    await openSideTab(kenya, 'People');
    for (const page of [chair, kenya]) {
      await page.locator('.presence [data-delegation="Kenya"] [data-person="Mr. Otieno"]').waitFor();
      await page.locator('.presence [data-delegation="Chair"] [data-person="Ms. Rivera"]').waitFor();
    }
  });

  it('shows the chair’s new title and symbol in the other browser without a reload', async () => {
    // A mark on the page's window: a reload would drop it.
    await kenya.evaluate(() => Reflect.set(window, 'plenaryNoReload', true));
    await chair.getByRole('button', { name: 'Edit title and symbol' }).click();
    await chair.getByLabel('Title').fill('Norms, rules and principles of responsible behaviour');
    await chair.getByLabel('Symbol').fill('A/AC.294/2026/L.1/Rev.1');
    await chair.getByRole('button', { name: 'Save' }).click();
    await kenya.waitForFunction(
      () =>
        document.querySelector('[data-testid="room-title"]')?.textContent ===
          'Norms, rules and principles of responsible behaviour' &&
        document.querySelector('[data-testid="room-symbol"]')?.textContent === 'A/AC.294/2026/L.1/Rev.1',
    );
    expect(await kenya.evaluate(() => Reflect.get(window, 'plenaryNoReload'))).toBe(true);
    await waitForSaveState(kenya, 'All changes saved');
  });

  it('shows each side the other one typing into different clauses at once, with labelled cursors', async () => {
    await caretAtEndOf(chair, 'PP 1');
    await caretAtEndOf(kenya, 'OP 2');
    await Promise.all([chair.keyboard.type(' as set out by the Chair'), kenya.keyboard.type(' and report thereon')]);
    await waitForClauseText(kenya, 'PP 1', 'as set out by the Chair', { others: [chair] });
    await waitForClauseText(chair, 'OP 2', 'and report thereon', { others: [kenya] });
    await waitForRemoteCaret(chair, 'Kenya · Mr. Otieno');
    await waitForRemoteCaret(kenya, 'Chair · Ms. Rivera');
    // Who is where: each sees the other in the clause they typed into.
    await chair.waitForFunction(
      () =>
        document.querySelector('.presence [data-person="Mr. Otieno"] [data-testid="person-clause"]')?.textContent ===
        'in OP 2',
    );
  });

  it('merges typing from both sides into the same clause', async () => {
    // Two places in one clause: each person's words stay whole (at one and the same spot, Yjs
    // would interleave concurrent keystrokes, as any CRDT editor does).
    await caretAtEndOf(chair, 'OP 1');
    await caretAtStartOf(kenya, 'OP 1');
    await Promise.all([chair.keyboard.type(' CHAIRWORDS'), kenya.keyboard.type('KENYAWORDS ')]);
    for (const page of [chair, kenya]) {
      await waitForClauseText(page, 'OP 1', 'CHAIRWORDS');
      await waitForClauseText(page, 'OP 1', 'KENYAWORDS');
    }
    await waitForSaveState(chair, 'All changes saved');
    await waitForSaveState(kenya, 'All changes saved');
    await chair.screenshot({ path: join(SCREENSHOTS, 'room.png') });
  });

  it('updates labels live when a clause is inserted above', async () => {
    const op2Id = await chair.locator(clauseSelector('OP 2')).getAttribute('data-id');
    const before = await clauseLabels(chair);
    await caretAtEndOf(kenya, 'OP 1');
    await kenya.keyboard.press('Alt+o');
    await kenya.keyboard.type('Requests the Secretary-General to circulate the report');
    await chair.waitForFunction(
      (id) => document.querySelector(`.draft .clause[data-id="${id}"]`)?.getAttribute('data-label') === 'OP 3',
      op2Id,
    );
    await waitForClauseText(chair, 'OP 2', 'Requests the Secretary-General');
    const after = await clauseLabels(chair);
    expect(after.length).toBe(before.length + 1);
    // Labels are decorations: the text never contains them.
    expect(await chair.locator(`${clauseSelector('OP 2')} > .body`).textContent()).not.toContain('OP 2');
  });

  it("undoes only one's own typing", async () => {
    await waitForSaveState(kenya, 'All changes saved');
    await caretAtEndOf(kenya, 'OP 4');
    await kenya.keyboard.type(' KENYAUNDO');
    await waitForClauseText(chair, 'OP 4', 'KENYAUNDO');
    await caretAtEndOf(chair, 'OP 4');
    await chair.keyboard.type(' CHAIRKEEPS');
    await waitForClauseText(kenya, 'OP 4', 'CHAIRKEEPS');
    await kenya.keyboard.press('Control+z');
    for (const page of [chair, kenya]) {
      await page.waitForFunction(
        (selector) => !(document.querySelector(selector)?.textContent ?? '').includes('KENYAUNDO'),
        `${clauseSelector('OP 4')} > .body`,
      );
      await waitForClauseText(page, 'OP 4', 'CHAIRKEEPS');
    }
    // Earlier text survives, too: the undo reached back no further than Kenya's last typing.
    await waitForClauseText(chair, 'OP 2', 'Requests the Secretary-General');
    await waitForClauseText(chair, 'OP 1', 'CHAIRWORDS');
  });

  it('shows the stored text after a reload', async () => {
    await waitForSaveState(kenya, 'All changes saved');
    await waitForSaveState(chair, 'All changes saved');
    await kenya.reload();
    await waitForDraft(kenya);
    for (const [label, text] of [
      ['PP 1', 'as set out by the Chair'],
      ['OP 1', 'KENYAWORDS'],
      ['OP 2', 'Requests the Secretary-General'],
      ['OP 3', 'and report thereon'],
      ['OP 4', 'CHAIRKEEPS'],
    ] as const) {
      await waitForClauseText(kenya, label, text);
    }
    expect(await kenya.locator(`${clauseSelector('OP 4')} > .body`).textContent()).not.toContain('KENYAUNDO');
  });

  it('starts a new undo step when typing follows a caret jump at once', async () => {
    await caretAtEndOf(kenya, 'PP 2');
    await kenya.keyboard.type(' ALPHA');
    // The typing must have been read and sent before the jump: `keyboard.type` resolves once the
    // keys are dispatched, and ProseMirror reads typed text from DOM mutations afterwards (up to
    // 20 ms later when a view update had its observer stopped). A jump made before that is read
    // in one DOM change together with the last letters: one edit starting at the old caret,
    // which rightly continues the undo step.
    await waitForClauseText(chair, 'PP 2', 'ALPHA');
    // The browser reports the jump together with the first typed text, with no selection change
    // of its own in between: the undo step must still end at the jump.
    await kenya.evaluate(
      (selector) => {
        const body = document.querySelector(selector);
        const text = body?.lastChild;
        if (!text || text.nodeType !== Node.TEXT_NODE) throw new Error(`no text in ${selector}`);
        window.getSelection()?.collapse(text, text.textContent?.length ?? 0);
        document.execCommand('insertText', false, ' BETA');
      },
      `${clauseSelector('PP 3')} > .body`,
    );
    await waitForClauseText(chair, 'PP 3', 'BETA');
    await kenya.keyboard.press('Control+z');
    await chair.waitForFunction(
      (selector) => !(document.querySelector(selector)?.textContent ?? '').includes('BETA'),
      `${clauseSelector('PP 3')} > .body`,
    );
    await waitForClauseText(chair, 'PP 2', 'ALPHA');
    expect(await kenya.locator(`${clauseSelector('PP 2')} > .body`).textContent()).toContain('ALPHA');
  });
});

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { connectClient, waitFor, whenSynced } from '../support/clients.js';
import {
  caretAtEndOf,
  createRoomByApi,
  waitForClauseText,
  waitForDraft,
  waitForSaveState,
} from '../support/draft-page.js';
import { waitForServiceWorker } from '../support/local-data.js';
import { makeDataDir, startTestServer, type TestServer } from '../support/server.js';
import { webAppSnapshot } from '../support/web-app.js';
import { appendToClause, clauseYText } from '../support/y-draft.js';

const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
const KEPT = 'Offline: changes kept on this device';

describe('drafting without a connection', () => {
  const dataDir = makeDataDir();
  let webRoot: string;
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    webRoot = webAppSnapshot();
    server = await startTestServer({ dataDir, config: { webRoot, openRoomCreation: true } });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('keeps offline edits across a reload and merges them with others’ edits on reconnect', async () => {
    const { room, token } = await createRoomByApi(server.httpUrl, {
      title: 'Offline drafting',
      template: 'due-regard',
    });
    const page = await context.newPage();
    await page.goto(`${server.httpUrl}/rooms/${room}#invite=${token}`);
    await waitForDraft(page);
    await waitForSaveState(page, 'All changes saved');
    await waitForServiceWorker(page);

    const port = server.server.port;
    await server.stop({ keepData: true });
    await waitForSaveState(page, 'Offline');
    await caretAtEndOf(page, 'OP 1');
    // One input event, one change: "kept on this device" then means this change is in
    // IndexedDB (keystroke by keystroke, the label may show between two keys).
    await page.keyboard.insertText(' TYPED-OFFLINE');
    await waitForClauseText(page, 'OP 1', 'TYPED-OFFLINE');
    await waitForSaveState(page, KEPT);

    // Reload with the server gone: the service worker serves the app, IndexedDB the draft, and
    // the session last confirmed in this browser stands in for the server's answer.
    await page.reload();
    await waitForDraft(page);
    await waitForClauseText(page, 'OP 1', 'TYPED-OFFLINE');
    await waitForSaveState(page, KEPT);
    await page.waitForSelector('.draft[contenteditable="true"]');
    await caretAtEndOf(page, 'OP 1');
    await page.keyboard.insertText(' AFTER-RELOAD');
    await waitForClauseText(page, 'OP 1', 'AFTER-RELOAD');
    expect(await page.locator('.banner[data-problem="offline"]').textContent()).toContain('kept on this device');
    await page.screenshot({ path: join(SCREENSHOTS, 'offline.png') });

    // Back online for everyone but this browser; another delegation edits meanwhile.
    await context.setOffline(true);
    server = await startTestServer({ dataDir, config: { webRoot, openRoomCreation: true, port } });
    const ghana = connectClient(server.wsUrl, room, await server.token(room, 'Ghana'));
    await whenSynced(ghana.provider);
    appendToClause(ghana.doc, 'op', 1, ' GHANA-MEANWHILE');

    await context.setOffline(false);
    await waitForClauseText(page, 'OP 2', 'GHANA-MEANWHILE', { timeout: 30_000 });
    await waitForSaveState(page, 'All changes saved', 30_000);
    await waitFor(
      () => clauseYText(ghana.doc, 'op', 0).toString().includes('TYPED-OFFLINE AFTER-RELOAD'),
      'Ghana receives the offline edits',
    );
    ghana.destroy();

    await page.reload();
    await waitForDraft(page);
    await waitForClauseText(page, 'OP 1', 'TYPED-OFFLINE AFTER-RELOAD');
    await waitForClauseText(page, 'OP 2', 'GHANA-MEANWHILE');
    await page.close();
  });

  /**
   * Opens a new room in a fresh browser context (its own network switch), types nothing yet, and
   * returns the page once everything is saved, with a stock client of Ghana in the room.
   */
  async function openCutRoom(options: { withoutOfflineEvent?: boolean } = {}) {
    const { room, token } = await createRoomByApi(server.httpUrl, { title: 'Cut off', template: 'due-regard' });
    const cut = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    if (options.withoutOfflineEvent) {
      // A network that dies without the browser noticing (a router gone, a lid half closed): the
      // page never hears "offline", only silence on its socket.
      await cut.addInitScript(() =>
        window.addEventListener('offline', (event) => event.stopImmediatePropagation(), { capture: true }),
      );
    }
    const page = await cut.newPage();
    await page.goto(`${server.httpUrl}/rooms/${room}#invite=${token}`);
    await waitForDraft(page);
    await waitForSaveState(page, 'All changes saved');
    const ghana = connectClient(server.wsUrl, room, await server.token(room, 'Ghana'));
    await whenSynced(ghana.provider);
    return { cut, page, ghana };
  }

  for (const withoutOfflineEvent of [false, true]) {
    const how = withoutOfflineEvent ? 'by the silence of its socket' : 'from the browser going offline';
    it(`notices a dropped network ${how} and sends what was typed meanwhile on return`, async () => {
      const { cut, page, ghana } = await openCutRoom({ withoutOfflineEvent });
      // The network goes away without any close: the socket stays "open" in the browser.
      await cut.setOffline(true);
      await waitForSaveState(page, 'Offline');
      await page.locator('.banner[data-problem="offline"]').waitFor();
      await caretAtEndOf(page, 'OP 1');
      await page.keyboard.insertText(' TYPED-WHILE-CUT-OFF');
      await waitForSaveState(page, KEPT);

      await cut.setOffline(false);
      await waitForSaveState(page, 'All changes saved');
      await waitFor(
        () => clauseYText(ghana.doc, 'op', 0).toString().includes('TYPED-WHILE-CUT-OFF'),
        'Ghana receives the text typed while cut off',
      );
      appendToClause(ghana.doc, 'op', 1, ' GHANA-AFTER');
      await waitForClauseText(page, 'OP 2', 'GHANA-AFTER');
      ghana.destroy();
      await cut.close();
    });
  }
});

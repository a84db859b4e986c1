import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import {
  caretAtEndOf,
  createRoomByApi,
  openRoomPage,
  saveState,
  waitForClauseText,
  waitForDraft,
  waitForSaveState,
} from '../support/draft-page.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { webAppSnapshot } from '../support/web-app.js';

describe('save state', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({ config: { webRoot: webAppSnapshot(), openRoomCreation: true } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('says "All changes saved" only after the server has stored the edit', async () => {
    const { room, token } = await createRoomByApi(server.httpUrl, { title: 'Ack', template: 'prior-notification' });
    const page = await browser.newPage();
    await openRoomPage(page, server.httpUrl, room, token);

    // Hold the next write in storage: the server may neither acknowledge nor broadcast it.
    const storage = server.server.storage;
    const append = storage.appendUpdates.bind(storage);
    let held = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    storage.appendUpdates = async (...args) => {
      held++;
      await gate;
      return append(...args);
    };
    try {
      await caretAtEndOf(page, 'OP 1');
      await page.keyboard.type(' HELD');
      await vi.waitFor(() => expect(held).toBeGreaterThan(0), { timeout: 10_000 });
      await waitForSaveState(page, 'Saving…');
      // The write is in storage's hands and not stored: the page must still say so.
      expect(await saveState(page)).toBe('Saving…');
    } finally {
      storage.appendUpdates = append;
      release();
    }
    await waitForSaveState(page, 'All changes saved');

    await page.reload();
    await waitForDraft(page);
    await waitForClauseText(page, 'OP 1', 'HELD');
    await page.close();
  });
});

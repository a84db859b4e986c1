import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import {
  caretAtEndOf,
  createRoomByApi,
  waitForClauseText,
  waitForDraft,
  waitForSaveState,
} from '../support/draft-page.js';
import { makeDataDir, startTestServer, type TestServer } from '../support/server.js';
import { webAppSnapshot } from '../support/web-app.js';

describe('a server that goes away and comes back', () => {
  const dataDir = makeDataDir();
  let webRoot: string;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    webRoot = webAppSnapshot();
    server = await startTestServer({ dataDir, config: { webRoot, openRoomCreation: true } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the outage, keeps what is typed meanwhile, and stores it once the server is back', async () => {
    const { room, token } = await createRoomByApi(server.httpUrl, { title: 'Outage', template: 'due-regard' });
    const page = await browser.newPage();
    await page.goto(`${server.httpUrl}/rooms/${room}#invite=${token}`);
    await waitForDraft(page);
    await waitForSaveState(page, 'All changes saved');

    const port = server.server.port;
    await server.stop({ keepData: true });
    await page.locator('.banner[data-problem="offline"]').waitFor();
    await waitForSaveState(page, 'Offline');
    expect(await page.locator('.banner[data-problem="offline"]').textContent()).toContain(
      'The server cannot be reached',
    );

    await caretAtEndOf(page, 'OP 1');
    await page.keyboard.type(' TYPED-OFFLINE');
    await waitForClauseText(page, 'OP 1', 'TYPED-OFFLINE');
    await waitForSaveState(page, 'Offline: changes kept on this device');

    server = await startTestServer({ dataDir, config: { webRoot, openRoomCreation: true, port } });
    await waitForSaveState(page, 'All changes saved', 30_000);
    await page.locator('.banner[data-problem="offline"]').waitFor({ state: 'detached' });

    await page.reload();
    await waitForDraft(page);
    await waitForClauseText(page, 'OP 1', 'TYPED-OFFLINE');
    await page.close();
  });
});

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { createRoomByApi, waitForDraft, waitForSaveState } from '../support/draft-page.js';
import { indexedDbNames, localDraftName, localStorageMentioning } from '../support/local-data.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { webAppSnapshot } from '../support/web-app.js';

describe('leaving a room and forgetting it on this device', () => {
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

  it('removes the token, the lobby entry and the local copy, and returns to the lobby', async () => {
    const kept = await createRoomByApi(server.httpUrl, { title: 'Kept room', template: 'due-regard' });
    const gone = await createRoomByApi(server.httpUrl, { title: 'Forgotten room', template: 'due-regard' });
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const { room, token } of [kept, gone]) {
      await page.goto(`${server.httpUrl}/rooms/${room}#invite=${token}`);
      await waitForDraft(page);
      await waitForSaveState(page, 'All changes saved');
    }
    expect(await indexedDbNames(page)).toContain(localDraftName(gone.room));
    expect(await localStorageMentioning(page, gone.room)).not.toEqual([]);

    await page.locator('[data-testid="forget-room"]').click();
    await page.waitForURL(`${server.httpUrl}/`);
    await page.locator('.lobby').waitFor();
    await page.locator('.lobby', { hasText: 'Kept room' }).waitFor();

    expect(await indexedDbNames(page)).not.toContain(localDraftName(gone.room));
    expect(await localStorageMentioning(page, gone.room)).toEqual([]);
    expect(await page.locator('body').textContent()).not.toContain('Forgotten room');
    // The other room is untouched.
    expect(await indexedDbNames(page)).toContain(localDraftName(kept.room));
    expect(await localStorageMentioning(page, kept.room)).not.toEqual([]);
    expect(await page.locator('body').textContent()).toContain('Kept room');

    // Without the token, the room now asks for an invite.
    await page.goto(`${server.httpUrl}/rooms/${gone.room}`);
    await page.locator('[data-problem="no-invite"]').waitFor();

    // The lobby forgets a room too, without opening it.
    await page.goto(`${server.httpUrl}/`);
    await page.locator(`.known-rooms li[data-room="${kept.room}"] .known-forget`).click();
    await page.locator(`.known-rooms li[data-room="${kept.room}"]`).waitFor({ state: 'detached' });
    await page.waitForFunction(
      (name) => indexedDB.databases().then((dbs) => dbs.every((db) => db.name !== name)),
      localDraftName(kept.room),
    );
    expect(await localStorageMentioning(page, kept.room)).toEqual([]);
    await context.close();
  });
});

import { describe, expect, it } from 'vitest';
import { createRoomByApi, waitForDraft, waitForSaveState } from '../support/draft-page.js';
import { indexedDbNames, localDraftName, localStorageMentioning } from '../support/local-data.js';
import { useWebHarness } from '../support/web-harness.js';

describe('leaving a room and forgetting it on this device', () => {
  const web = useWebHarness();

  it('removes the token, the lobby entry and the local copy, and returns to the lobby', async () => {
    const kept = await createRoomByApi(web.server.httpUrl, { title: 'Kept room', template: 'due-regard' });
    const gone = await createRoomByApi(web.server.httpUrl, { title: 'Forgotten room', template: 'due-regard' });
    const context = await web.browser.newContext();
    const page = await context.newPage();
    for (const { room, token } of [kept, gone]) {
      await page.goto(`${web.server.httpUrl}/rooms/${room}#invite=${token}`);
      await waitForDraft(page);
      await waitForSaveState(page, 'All changes saved');
    }
    expect(await indexedDbNames(page)).toContain(localDraftName(gone.room));
    expect(await localStorageMentioning(page, gone.room)).not.toEqual([]);

    await page.locator('[data-testid="forget-room"]').click();
    await page.waitForURL(`${web.server.httpUrl}/`);
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
    await page.goto(`${web.server.httpUrl}/rooms/${gone.room}`);
    await page.locator('[data-problem="no-invite"]').waitFor();

    // The lobby forgets a room too, without opening it.
    await page.goto(`${web.server.httpUrl}/`);
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

import { describe, expect, it, vi } from 'vitest';
import {
  caretAtEndOf,
  createRoomByApi,
  openRoomPage,
  saveState,
  waitForClauseText,
  waitForDraft,
  waitForSaveState,
} from '../support/draft-page.js';
import { useWebHarness } from '../support/web-harness.js';

describe('save state', () => {
  const web = useWebHarness();

  it('says "All changes saved" only after the server has stored the edit', async () => {
    const { room, token } = await createRoomByApi(web.server.httpUrl, { title: 'Ack', template: 'prior-notification' });
    const page = await web.browser.newPage();
    await openRoomPage(page, web.server.httpUrl, room, token);

    // Hold the next write in storage: the server may neither acknowledge nor broadcast it.
    const storage = web.server.server.storage;
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

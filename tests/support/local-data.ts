import type { Page } from 'playwright-core';

/** Name of the IndexedDB database in which the web app keeps a room's draft. */
export function localDraftName(room: string): string {
  return `plenary.draft.${room}`;
}

/** Names of the IndexedDB databases of the page's origin. */
export function indexedDbNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name ?? ''));
}

/** The localStorage keys and values of the page's origin that mention `needle`. */
export function localStorageMentioning(page: Page, needle: string): Promise<string[]> {
  return page.evaluate((text) => {
    const found: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i) ?? '';
      if (key.includes(text) || (localStorage.getItem(key) ?? '').includes(text)) found.push(key);
    }
    return found;
  }, needle);
}

/**
 * Adds one Yjs update to the room's IndexedDB copy, as y-indexeddb stores it (an auto-keyed
 * entry in the `updates` store); the app replays it the next time it opens the room.
 */
export function addToLocalDraft(page: Page, room: string, update: Uint8Array): Promise<void> {
  return page.evaluate(
    ({ name, bytes }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('updates', 'readwrite');
          tx.objectStore('updates').add(new Uint8Array(bytes));
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { name: localDraftName(room), bytes: [...update] },
  );
}

/** Waits until a service worker controls the page (the app is cached for offline use). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(
    () => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined,
  );
}

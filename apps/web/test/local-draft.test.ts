import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { LocalDraft, localDraftName } from '../src/local/local-draft.js';

/** The updates y-indexeddb holds for `room`, as stored rows. */
function storedRows(room: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(localDraftName(room));
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const count = db.transaction(['updates'], 'readonly').objectStore('updates').count();
      count.onsuccess = () => {
        db.close();
        resolve(count.result);
      };
      count.onerror = () => reject(count.error);
    };
  });
}

async function until(check: () => boolean): Promise<void> {
  await vi.waitUntil(check, { timeout: 5_000, interval: 5 });
}

let room = 0;
const drafts: LocalDraft[] = [];
afterEach(async () => {
  for (const draft of drafts.splice(0)) await draft.discard();
});

function open(name: string, doc: Y.Doc, onStored?: () => void): LocalDraft {
  const draft = new LocalDraft(name, doc, onStored);
  drafts.push(draft);
  return draft;
}

describe('the draft kept on this device', () => {
  it('writes a burst of changes as one, and says they are kept only once they are written', async () => {
    const name = `burst-${room++}`;
    const doc = new Y.Doc();
    const draft = open(name, doc);
    await draft.load();
    const before = await storedRows(name);
    const text = doc.getText('t');
    for (const letter of 'treaty') text.insert(text.length, letter);
    expect(draft.allStored).toBe(false);
    await until(() => draft.allStored);
    // Six keystrokes, one row: the burst was merged into one write.
    expect((await storedRows(name)) - before).toBe(1);

    const copy = new Y.Doc();
    await open(name, copy).load();
    expect(copy.getText('t').toString()).toBe('treaty');
  });

  it('writes what is gathered when it is closed, before the database closes', async () => {
    const name = `close-${room++}`;
    const doc = new Y.Doc();
    const draft = new LocalDraft(name, doc);
    await draft.load();
    doc.getText('t').insert(0, 'kept');
    await draft.close();
    const copy = new Y.Doc();
    await open(name, copy).load();
    expect(copy.getText('t').toString()).toBe('kept');
  });

  it('tells when everything is kept again after each burst', async () => {
    const name = `told-${room++}`;
    const doc = new Y.Doc();
    let told = 0;
    const draft = open(name, doc, () => told++);
    await draft.load();
    doc.getText('t').insert(0, 'a');
    await until(() => told === 1);
    expect(draft.allStored).toBe(true);
    doc.getText('t').insert(1, 'b');
    expect(draft.allStored).toBe(false);
    await until(() => told === 2);
    expect(draft.allStored).toBe(true);
  });
});

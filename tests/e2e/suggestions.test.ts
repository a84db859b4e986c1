import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, createRoom } from '../support/api.js';
import { launchBrowser } from '../support/browser.js';
import {
  caretAtEndOf,
  caretAtStartOf,
  clauseLabels,
  clauseSelector,
  clauseTextOf,
  openSideTab,
  selectFromCaret,
  waitForClauseText,
  waitForDraft,
  waitForNotice,
} from '../support/draft-page.js';
import { countSentUpdates, sentUpdates } from '../support/sent-updates.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { countStored } from '../support/stored.js';
import { listSuggestions } from '../support/suggestions.js';
import { webAppSnapshot } from '../support/web-app.js';

const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
const ROOM = 'suggestions-e2e';

/** The suggestion item in the Suggestions panel whose text holds `text`. */
function item(page: Page, text: string) {
  return page.locator('.suggestions-panel .suggestion-item', { hasText: text });
}

describe('suggestions in formal mode', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let france: Page;
  let brazil: Page;
  let chair: Page;
  let chairToken = '';
  let franceToken = '';
  const errors: string[] = [];

  async function open(token: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
    contexts.push(context);
    await countSentUpdates(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.httpUrl}/rooms/${ROOM}#invite=${token}`);
    await waitForDraft(page);
    await openSideTab(page, 'Suggestions');
    return page;
  }

  beforeAll(async () => {
    const webRoot = webAppSnapshot();
    server = await startTestServer({ config: { webRoot } });
    chairToken = await createRoom(server, ROOM, 'Norms of responsible behaviour');
    browser = await launchBrowser();
    franceToken = await server.token(ROOM, 'France', 'delegate', { person: 'p-france-1' });
    france = await open(franceToken);
    brazil = await open(await server.token(ROOM, 'Brazil'));
    chair = await open(chairToken);
  });

  afterAll(async () => {
    expect(errors).toEqual([]);
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('switches delegates to suggesting when the chair sets formal mode, live', async () => {
    const toggle = france.locator('[data-action="suggest"]');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    // The chair switches the room to formal mode from the toolbar.
    const formal = chair.locator('[data-action="formal-mode"]');
    expect(await formal.getAttribute('aria-pressed')).toBe('false');
    await formal.click();
    await chair.waitForFunction(
      () => document.querySelector('[data-action="formal-mode"]')?.getAttribute('aria-pressed') === 'true',
    );
    const settings = await callApi(server, 'GET', `rooms/${ROOM}/settings`, chairToken);
    expect((settings.body as { mode: string }).mode).toBe('formal');
    expect(await france.locator('[data-action="formal-mode"]').count()).toBe(0);
    await france.waitForFunction(
      () => document.querySelector('[data-action="suggest"]')?.getAttribute('aria-pressed') === 'true',
    );
    expect(await toggle.isDisabled()).toBe(true);
    expect(await toggle.textContent()).toContain('Suggesting (formal)');
    // The chair edits directly in either mode.
    expect(await chair.locator('[data-action="suggest"]').getAttribute('aria-pressed')).toBe('false');
  });

  it("turns France's rewording into suggestions that Brazil sees attributed to France", async () => {
    const before = await clauseTextOf(brazil, 'OP 1');
    const word = before.split(' ')[0] ?? '';
    // Select the clause's first word and type another over it.
    await caretAtStartOf(france, 'OP 1');
    await selectFromCaret(france, word.length);
    await france.keyboard.type('Notes');
    await waitForClauseText(brazil, 'OP 1', 'Notes', { others: [france] });
    // Nothing was removed: the replaced word is still there, proposed for deletion.
    const inserted = brazil.locator(`${clauseSelector('OP 1')} .suggestion-insertion`);
    const struck = brazil.locator(`${clauseSelector('OP 1')} .suggestion-deletion`);
    await inserted.first().waitFor();
    expect((await inserted.allTextContents()).join('')).toBe('Notes');
    expect((await struck.allTextContents()).join('')).toBe(word);
    expect(await clauseTextOf(brazil, 'OP 1')).toBe(`${word}Notes${before.slice(word.length)}`);
    // A second suggestion: words added at the end of the clause.
    await caretAtEndOf(france, 'OP 1');
    await france.keyboard.press('ArrowLeft');
    await france.keyboard.type(' promptly');
    await waitForClauseText(brazil, 'OP 1', ' promptly', { others: [france] });
    // Attributed by the server to France, drawn in France's colour with its name.
    await brazil.waitForFunction(
      () => document.querySelector('.draft .suggestion-insertion')?.getAttribute('data-delegation') === 'France',
    );
    expect(await inserted.first().getAttribute('title')).toMatch(/^Insertion proposed by France, /);
    expect(
      await brazil
        .locator(`${clauseSelector('OP 1')} .suggestion-tag`)
        .first()
        .textContent(),
    ).toBe('France');
    await item(brazil, 'promptly').waitFor();
    expect(await brazil.getByTestId('suggestion-counts').textContent()).toContain('France 3');
    // Brazil cannot decide France's suggestions, nor withdraw them; France can withdraw its own.
    expect(await item(brazil, 'promptly').locator('.suggestion-actions button').count()).toBe(0);
    await item(france, 'promptly').waitFor();
    expect(await item(france, 'promptly').getByRole('button', { name: 'Withdraw' }).count()).toBe(1);
    const records = await listSuggestions(server, ROOM, chairToken);
    expect(records.map((r) => [r.kind, r.text, r.delegation, r.person, r.status]).sort()).toEqual([
      ['deletion', word, 'France', 'p-france-1', 'open'],
      ['insertion', ' promptly', 'France', 'p-france-1', 'open'],
      ['insertion', 'Notes', 'France', 'p-france-1', 'open'],
    ]);
  });

  it("stops France's attempt to change the structure before anything is sent", async () => {
    await server.server.rooms.peek(ROOM).then((room) => room?.whenSettled());
    const stored = await countStored(server, ROOM);
    const labels = await clauseLabels(brazil);
    const sent = await sentUpdates(france);
    await caretAtEndOf(france, 'OP 2');
    await france.keyboard.press('ArrowLeft');
    await france.keyboard.press('Enter');
    await waitForNotice(france, 'Suggestions change the words of clauses');
    // Bold on a selection is formatting: refused too.
    await caretAtStartOf(france, 'OP 3');
    await selectFromCaret(france, 10);
    await france.keyboard.press('Control+b');
    await waitForNotice(france, 'Formatting cannot be suggested');
    // Neither attempt left the page: no document update went out on France's socket.
    expect(await sentUpdates(france)).toBe(sent);
    expect(await countStored(server, ROOM)).toBe(stored);
    // France is still connected (no refusal from the server) and its next suggestion flows.
    await caretAtEndOf(france, 'OP 2');
    await france.keyboard.type(' and transparently');
    await waitForClauseText(brazil, 'OP 2', ' and transparently', { others: [france] });
    expect(await sentUpdates(france)).toBeGreaterThan(sent);
    expect(await clauseLabels(brazil)).toEqual(labels);
    expect(await clauseLabels(france)).toEqual(labels);
    expect(await france.locator('[data-problem="refused"]').count()).toBe(0);
    await server.server.rooms.peek(ROOM).then((room) => room?.whenSettled());
    expect(await countStored(server, ROOM)).toBeGreaterThan(stored);
    await france.locator('.room').screenshot({ path: join(SCREENSHOTS, 'suggestions.png') });
  });

  it('undoes its own suggestion instead of proposing to delete it', async () => {
    const before = await clauseTextOf(brazil, 'OP 4');
    await caretAtEndOf(france, 'OP 4');
    // One input event, so one undo step whatever the machine's speed.
    await france.keyboard.insertText(' UNDONE');
    await waitForClauseText(brazil, 'OP 4', ' UNDONE', { others: [france] });
    await france.keyboard.press('Control+z');
    await brazil.waitForFunction(
      (selector) => !(document.querySelector(selector)?.textContent ?? '').includes('UNDONE'),
      `${clauseSelector('OP 4')} > .body`,
    );
    expect(await clauseTextOf(france, 'OP 4')).toBe(before);
    expect(await france.locator(`${clauseSelector('OP 4')} .suggestion`).count()).toBe(0);
    // The record went with its text: withdrawn by France, not left open.
    await item(brazil, 'UNDONE').waitFor({ state: 'detached' });
    const records = await listSuggestions(server, ROOM, chairToken);
    expect(records.find((r) => r.text.includes('UNDONE'))?.status).toBe('withdrawn');
  });

  it('lets the chair accept one suggestion and reject another; everyone sees the result', async () => {
    await item(chair, 'promptly').waitFor();
    await item(chair, 'promptly').getByRole('button', { name: 'Accept' }).click();
    await brazil.waitForFunction(
      (selector) => {
        const body = document.querySelector(selector);
        const marked = [...(body?.querySelectorAll('.suggestion-insertion') ?? [])].map((e) => e.textContent);
        return body !== null && !marked.includes(' promptly') && body.textContent?.includes(' promptly');
      },
      `${clauseSelector('OP 1')} > .body`,
    );
    const transparently = item(chair, 'and transparently');
    await transparently.getByRole('button', { name: 'Reject' }).click();
    await brazil.waitForFunction(
      (selector) => !(document.querySelector(selector)?.textContent ?? '').includes('and transparently'),
      `${clauseSelector('OP 2')} > .body`,
    );
    await item(brazil, 'and transparently').waitFor({ state: 'detached' });
    const records = await listSuggestions(server, ROOM, chairToken);
    const promptly = records.find((r) => r.text.includes('promptly'));
    const rejected = records.find((r) => r.text.includes('transparently'));
    expect(promptly).toMatchObject({ status: 'accepted', decidedBy: 'Chair' });
    expect(rejected).toMatchObject({ status: 'rejected', decidedBy: 'Chair' });
    // France's rewording of the first word is still open.
    expect(
      records
        .filter((r) => r.status === 'open')
        .map((r) => r.kind)
        .sort(),
    ).toEqual(['deletion', 'insertion']);
    expect(await brazil.getByTestId('suggestion-counts').textContent()).toContain('France 2');
  });

  it('lists France as the author of its open changes in the tracked-changes DOCX', async () => {
    const response = await fetch(`${server.httpUrl}/api/rooms/${ROOM}/export?format=docx&mode=changes&against=zero`, {
      headers: { authorization: `Bearer ${chairToken}` },
    });
    expect(response.status).toBe(200);
    const zip = await JSZip.loadAsync(await response.arrayBuffer());
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const authors = new Set([...xml.matchAll(/<w:(?:ins|del) w:id="\d+" w:author="([^"]*)"/g)].map((m) => m[1]));
    expect(authors.has('France')).toBe(true);
    // The open rewording is there as France's tracked deletion and insertion.
    const franceChanges = [...xml.matchAll(/<w:(ins|del) w:id="\d+" w:author="France"[^>]*>/g)].map((m) => m[1]);
    expect(new Set(franceChanges)).toEqual(new Set(['ins', 'del']));
  });
});

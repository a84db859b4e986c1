import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXPORT_FORMATS, FORMAT_MODES } from '@plenary/export';
import JSZip from 'jszip';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import {
  caretAtEndOf,
  clauseSelector,
  createRoomByApi,
  openRoomPage,
  waitForDraft,
  waitForSaveState,
} from '../support/draft-page.js';
import { useWebHarness } from '../support/web-harness.js';

const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');

const PANEL = 'form[aria-label="Export the draft"]';

/** Opens the room's Export panel (if closed) and waits until it shows. */
async function openExportMenu(page: Page): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Export' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.locator(PANEL).waitFor({ state: 'visible' });
}

/** Picks `format` and `mode` in the open Export panel. */
async function choose(page: Page, format: string, mode: string): Promise<void> {
  await page.getByLabel('Format').selectOption(format);
  await page.getByLabel('Mode').selectOption(mode);
}

/** Clicks Download and returns the browser's download, checking the button's busy state. */
async function download(page: Page): Promise<Download> {
  const button = page.locator(`${PANEL} button[type="submit"]`);
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  await page.locator('[data-testid="export-status"]', { hasText: `Downloaded ${file.suggestedFilename()}` }).waitFor();
  expect(await button.textContent()).toBe('Download');
  expect(await button.isEnabled()).toBe(true);
  return file;
}

/** The saved bytes of a download. */
async function bytesOf(file: Download): Promise<Buffer> {
  const path = await file.path();
  return readFileSync(path);
}

/** The modes the Mode select offers for each format, as the page shows them. */
async function offeredModes(page: Page): Promise<Record<string, string[]>> {
  const offered: Record<string, string[]> = {};
  for (const format of EXPORT_FORMATS) {
    await page.getByLabel('Format').selectOption(format);
    offered[format] = await page
      .getByLabel('Mode')
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  }
  return offered;
}

describe('export menu', () => {
  const web = useWebHarness();

  it('downloads DOCX with changes and Markdown clean text under the server file names', async () => {
    const { room, token } = await createRoomByApi(web.server.httpUrl, {
      title: 'Exchange of information on space objects',
      symbol: 'A/AC.294/2026/WP.1',
      template: 'information-exchange',
      name: 'Ms. Rivera',
    });
    const context = await web.browser.newContext({ viewport: { width: 1360, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await openRoomPage(page, web.server.httpUrl, room, token);

    // An edit since the zero draft, so "changes" has something to show; wait until the server has it.
    await caretAtEndOf(page, 'PP 1');
    await page.keyboard.type(' EXPORTWORD');
    await vi.waitFor(
      async () => {
        const response = await fetch(`${web.server.httpUrl}/api/rooms/${room}/export?format=md&mode=clean`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(await response.text()).toContain('EXPORTWORD');
      },
      { timeout: 15_000, interval: 100 },
    );
    await waitForSaveState(page, 'All changes saved');

    await openExportMenu(page);
    await choose(page, 'docx', 'changes');
    const docx = await download(page);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'export-menu.png') });
    expect(docx.suggestedFilename()).toBe('A-AC.294-2026-WP.1-current-changes.docx');
    const zip = await JSZip.loadAsync(await bytesOf(docx));
    const documentXml = await zip.file('word/document.xml')?.async('string');
    expect(documentXml).toBeDefined();
    // The typed word is a tracked insertion against the zero draft.
    expect(documentXml).toMatch(/<w:ins\b[^>]*>(?:(?!<\/w:ins>).)*EXPORTWORD/s);

    await choose(page, 'md', 'clean');
    const md = await download(page);
    expect(md.suggestedFilename()).toBe('A-AC.294-2026-WP.1-current-clean.md');
    const text = (await bytesOf(md)).toString('utf8');
    // Markdown backslash-escapes its syntax characters and emphasises the leading verb
    // ("*Noting*"); compare the plain text.
    const plain = text.replace(/\\(.)|\*+/g, (_, escaped: string | undefined) => escaped ?? '').replace(/\s+/g, ' ');
    const firstClause = ((await page.locator(`${clauseSelector('PP 1')} > .body`).textContent()) ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    expect(firstClause).toContain('Noting that transparency and confidence-building measures');
    expect(firstClause).toContain('EXPORTWORD');
    expect(plain).toContain(firstClause);
    await context.close();
  });

  it('offers the modes the server supports: all of them to a delegate, clean only to an observer', async () => {
    const { room } = await createRoomByApi(web.server.httpUrl, { title: 'Modes', template: 'information-exchange' });

    const delegate = await web.browser.newPage();
    await delegate.goto(
      `${web.server.httpUrl}/rooms/${room}#invite=${await web.server.token(room, 'Kenya', 'delegate')}`,
    );
    await waitForDraft(delegate);
    await openExportMenu(delegate);
    // The concordance compares two revisions: it is offered from the Revisions panel, not here.
    const current = Object.fromEntries(
      Object.entries(FORMAT_MODES).map(([format, modes]) => [format, modes.filter((mode) => mode !== 'concordance')]),
    );
    expect(await offeredModes(delegate)).toEqual(current);
    await delegate.close();

    const observer = await web.browser.newPage();
    await observer.goto(
      `${web.server.httpUrl}/rooms/${room}#invite=${await web.server.token(room, 'ESA', 'observer')}`,
    );
    await waitForDraft(observer);
    await openExportMenu(observer);
    const offered = await offeredModes(observer);
    expect(offered).toEqual(Object.fromEntries(EXPORT_FORMATS.map((format) => [format, ['clean']])));
    await observer.getByLabel('Format').selectOption('html');
    const file = await download(observer);
    expect(file.suggestedFilename()).toBe('Modes-current-clean.html');
    await observer.close();
  });

  it("shows the server's error message when an export is refused", async () => {
    const { room, token } = await createRoomByApi(web.server.httpUrl, { title: 'Refused', template: 'blank' });
    const page = await web.browser.newPage();
    await page.goto(`${web.server.httpUrl}/rooms/${room}#invite=${token}`);
    await waitForDraft(page);
    // Hold the answer until the page has shown its busy state, then refuse.
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    await page.route('**/api/rooms/*/export?*', async (route) => {
      await answered;
      await route.fulfill({
        status: 403,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'observer_export', message: 'observers may only export mode=clean' } }),
      });
    });
    await openExportMenu(page);
    const button = page.locator(`${PANEL} button[type="submit"]`);
    await button.click();
    await page.locator(`${PANEL} button[type="submit"]:disabled`, { hasText: 'Preparing…' }).waitFor();
    expect(await page.locator(PANEL).getAttribute('aria-busy')).toBe('true');
    answer();
    const error = page.locator('[data-testid="export-error"]');
    await error.waitFor();
    expect(await error.textContent()).toBe('The export failed: observers may only export mode=clean');
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await button.isEnabled()).toBe(true);
    await page.close();
  });
});

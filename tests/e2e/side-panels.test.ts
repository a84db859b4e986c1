import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  caretAtEndOf,
  caretAtStartOf,
  clauseLabels,
  clauseSelector,
  createRoomByApi,
  openRoomPage,
  openSideTab,
  waitForClauseText,
  waitForSaveState,
} from '../support/draft-page.js';
import { useWebHarness } from '../support/web-harness.js';

const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');

/** The label of the clause holding the draft's cursor, as the page shows it. */
function clauseAtCursor(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const node = window.getSelection()?.anchorNode;
    const element = node instanceof Element ? node : node?.parentElement;
    return element?.closest('.clause[data-label]')?.getAttribute('data-label') ?? null;
  });
}

/** The text the draft's selection covers. */
function selectedText(page: Page): Promise<string> {
  return page.evaluate(() => window.getSelection()?.toString() ?? '');
}

/** The label of the clause whose own text contains `text`. */
function labelOfClauseWith(page: Page, text: string): Promise<string | null> {
  return page.evaluate((needle) => {
    for (const body of document.querySelectorAll('.draft .clause > .body')) {
      if (body.textContent?.includes(needle)) return body.parentElement?.getAttribute('data-label') ?? null;
    }
    return null;
  }, text);
}

describe('side panels', () => {
  const web = useWebHarness();

  /** A fresh room from `template`, opened by its chair at a desktop size. */
  async function openRoom(template: string): Promise<Page> {
    const { room, token } = await createRoomByApi(web.server.httpUrl, { title: 'Panels', template });
    const page = await web.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await openRoomPage(page, web.server.httpUrl, room, token);
    return page;
  }

  it('jumps to a clause from the outline and follows the cursor', async () => {
    const page = await openRoom('draft-resolution');
    const outline = page.getByRole('navigation', { name: 'Clause outline' });
    await outline.locator('[data-label="OP 3"] button').click();
    await page.waitForFunction(() => document.activeElement?.classList.contains('draft'));
    expect(await clauseAtCursor(page)).toBe('OP 3');
    const box = await page.locator(clauseSelector('OP 3')).boundingBox();
    expect(box !== null && box.y >= 0 && box.y < 900).toBe(true);
    await outline.locator('[data-label="OP 3"] button[aria-current="location"]').waitFor();
    // Moving the cursor in the draft moves the outline's mark.
    await caretAtEndOf(page, 'PP 2');
    await outline.locator('[data-label="PP 2"] button[aria-current="location"]').waitFor();
    expect(await outline.locator('button[aria-current]').count()).toBe(1);
    // Keyboard: arrows move within the outline, Enter jumps.
    await outline.locator('[data-label="PP 2"] button').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.classList.contains('draft'));
    expect(await clauseAtCursor(page)).toBe('PP 3');
    await page.screenshot({ path: join(SCREENSHOTS, 'outline.png') });
    await page.close();
  });

  it('inserts a template at the cursor and renumbers the clauses after it', async () => {
    const page = await openRoom('prior-notification');
    const before = (await clauseLabels(page)).filter((l) => /^OP \d+$/.test(l)).length;
    expect(await labelOfClauseWith(page, 'Also calls upon States to give advance notice')).toBe('OP 2');
    await caretAtEndOf(page, 'OP 1');
    await openSideTab(page, 'Library');
    await page.getByRole('button', { name: 'Does not create debris' }).click();
    const insert = page.getByRole('button', { name: /^Insert No destructive direct-ascent/ });
    await insert.click();
    await page.waitForFunction(
      (count) => document.querySelectorAll('.draft .clause-op[data-label]').length > count,
      before,
    );
    const after = (await clauseLabels(page)).filter((l) => /^OP \d+$/.test(l)).length;
    const inserted = after - before;
    expect(inserted).toBeGreaterThan(0);
    // The inserted clauses come right after OP 1; the old OP 2 follows them.
    expect(await labelOfClauseWith(page, 'Also calls upon States to give advance notice')).toBe(`OP ${2 + inserted}`);
    expect(await clauseAtCursor(page)).toBe('OP 2');
    await waitForSaveState(page, 'All changes saved');
    // The inserted clauses' drafting notes show once lint has read them.
    await page.locator(`.draft .clause-op > .lint-marker`).nth(2).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'library.png') });
    await page.close();
  });

  it('updates the coverage as a clause is tagged from the toolbar', async () => {
    const page = await openRoom('prior-notification');
    await openSideTab(page, 'Coverage');
    const summary = page.getByTestId('coverage-summary');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="coverage-summary"]')?.textContent === '2 of 8 criteria addressed',
    );
    expect(await page.locator('.coverage-row[data-tag="no-debris"]').getAttribute('class')).toContain('missing');
    await caretAtEndOf(page, 'OP 3');
    await page.getByRole('button', { name: /^Criteria/ }).click();
    const item = page.getByRole('menuitemcheckbox', { name: 'Does not create debris' });
    expect(await item.getAttribute('aria-checked')).toBe('false');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="coverage-summary"]')?.textContent === '3 of 8 criteria addressed',
    );
    expect(await summary.textContent()).toBe('3 of 8 criteria addressed');
    expect(await item.getAttribute('aria-checked')).toBe('true');
    const row = page.locator('.coverage-row[data-tag="no-debris"]');
    expect(await row.locator('button').allTextContents()).toEqual(['OP 3']);
    await page.keyboard.press('Escape');
    await page.screenshot({ path: join(SCREENSHOTS, 'coverage.png') });
    // A clause chip jumps to its clause.
    await caretAtEndOf(page, 'PP 1');
    await row.getByRole('button', { name: 'Go to OP 3' }).click();
    await page.waitForFunction(() => document.activeElement?.classList.contains('draft'));
    expect(await clauseAtCursor(page)).toBe('OP 3');
    await page.close();
  });

  it('moves through placeholders with Tab and Shift-Tab, typing replacing each', async () => {
    const page = await openRoom('prior-notification');
    await caretAtStartOf(page, 'PP 1');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => window.getSelection()?.toString() === 'recipients');
    await page.keyboard.type('all States');
    await waitForClauseText(page, 'OP 1', 'notify all States of each');
    // The typed words are text, not a placeholder.
    expect(await page.locator(`${clauseSelector('OP 1')} .placeholder`).allTextContents()).toEqual(['number of days']);
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => window.getSelection()?.toString() === 'number of days');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => window.getSelection()?.toString() === 'channel');
    await page.keyboard.press('Shift+Tab');
    await page.waitForFunction(() => window.getSelection()?.toString() === 'number of days');
    await page.keyboard.type('30');
    await waitForClauseText(page, 'OP 1', 'not less than 30 days');
    // Nothing before: Shift-Tab falls back to outdenting, which an OP cannot; focus stays.
    await caretAtStartOf(page, 'PP 1');
    await page.keyboard.press('Shift+Tab');
    expect(await selectedText(page)).toBe('');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('draft'))).toBe(true);
    await page.close();
  });

  it('marks clauses with drafting notes in the margin, readable on focus', async () => {
    const page = await openRoom('prior-notification');
    const marker = page.locator(`${clauseSelector('OP 1')} > .lint-marker`);
    await marker.waitFor();
    const label = await marker.getAttribute('aria-label');
    expect(label).toContain('OP 1:');
    expect(label).toContain('Placeholder ⟨recipients⟩ is not filled in.');
    // From the keyboard: Alt+N in the clause opens its notes, Escape goes back to the text.
    await caretAtEndOf(page, 'OP 1');
    await page.keyboard.press('Alt+n');
    await page.waitForFunction(() => document.activeElement?.classList.contains('lint-marker'));
    const tip = marker.locator('.lint-tip');
    await tip.waitFor({ state: 'visible' });
    expect(await tip.textContent()).toContain('Placeholder ⟨number of days⟩ is not filled in.');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.activeElement?.classList.contains('draft'));
    expect(await clauseAtCursor(page)).toBe('OP 1');
    // A finding appears once the clause breaks a convention: a PP without its comma.
    expect(await page.locator(`${clauseSelector('PP 1')} > .lint-marker`).count()).toBe(0);
    await caretAtEndOf(page, 'PP 1');
    await page.keyboard.press('Backspace');
    const ppMarker = page.locator(`${clauseSelector('PP 1')} > .lint-marker`);
    await ppMarker.waitFor();
    expect(await ppMarker.getAttribute('aria-label')).toContain('A preambular paragraph ends with a comma.');
    await page.close();
  });
});

import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caretAtEndOf,
  caretAtStartOf,
  clauseTextOf,
  createRoomByApi,
  openRoomPage,
  waitForClauseTextToBe,
} from '../support/draft-page.js';
import { useWebHarness } from '../support/web-harness.js';

/** What each delegation types. */
const FRANCE = 'FRANCE';
const BRAZIL = 'brasil';

/** Types `key` on `page` and waits until its clause `label` has grown by one character. */
async function typeOne(page: Page, label: string, key: string): Promise<string> {
  const before = await clauseTextOf(page, label);
  await page.keyboard.type(key);
  await page.waitForFunction(
    ({ selector, length }) => {
      const body = document.querySelector(selector);
      if (!body) return false;
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      let shown = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement?.closest('.remote-caret')) shown += node.textContent ?? '';
      }
      return shown.length === length;
    },
    { selector: `.draft .clause[data-label="${label}"] > .body`, length: before.length + 1 },
  );
  return clauseTextOf(page, label);
}

describe('two delegations typing at one and the same spot', () => {
  const web = useWebHarness();
  const contexts: BrowserContext[] = [];

  let france: Page;
  let brazil: Page;

  beforeAll(async () => {
    const { room, token } = await createRoomByApi(web.server.httpUrl, {
      title: 'Same spot',
      template: 'draft-resolution',
      name: 'Ms. Rivera',
    });
    const brazilToken = await web.server.token(room, 'Brazil', 'delegate', { person: 'Mr. Souza' });
    for (const [index, t] of [token, brazilToken].entries()) {
      const context = await web.browser.newContext({ viewport: { width: 1280, height: 900 } });
      contexts.push(context);
      const page = await context.newPage();
      await openRoomPage(page, web.server.httpUrl, room, t);
      if (index === 0) france = page;
      else brazil = page;
    }
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  /**
   * France and Brazil put their carets at the same spot of clause `label` and type `FRANCE` and
   * `brasil` strictly alternating: each keystroke is seen by the other side before it types its
   * own. Returns the clause as France sees it, after checking Brazil sees the same.
   */
  async function alternate(label: string, where: 'start' | 'end'): Promise<{ base: string; text: string }> {
    const base = await clauseTextOf(france, label);
    await waitForClauseTextToBe(brazil, label, base);
    const place = where === 'start' ? caretAtStartOf : caretAtEndOf;
    await place(france, label);
    await place(brazil, label);
    for (let i = 0; i < FRANCE.length; i++) {
      const afterFrance = await typeOne(france, label, FRANCE.charAt(i));
      await waitForClauseTextToBe(brazil, label, afterFrance);
      const afterBrazil = await typeOne(brazil, label, BRAZIL.charAt(i));
      await waitForClauseTextToBe(france, label, afterBrazil);
    }
    const text = await clauseTextOf(france, label);
    expect(await clauseTextOf(brazil, label)).toBe(text);
    return { base, text };
  }

  it('keeps each author’s run of typing together at the end of a clause', async () => {
    const { base, text } = await alternate('PP 1', 'end');
    expect([`${base}${FRANCE}${BRAZIL}`, `${base}${BRAZIL}${FRANCE}`]).toContain(text);
  });

  it('keeps each author’s run of typing together before the text of a clause', async () => {
    const { base, text } = await alternate('PP 2', 'start');
    expect([`${FRANCE}${BRAZIL}${base}`, `${BRAZIL}${FRANCE}${base}`]).toContain(text);
  });
});

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom } from '../support/api.js';
import { launchBrowser } from '../support/browser.js';
import { clauseSelector, waitForDraft } from '../support/draft-page.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { webAppSnapshot } from '../support/web-app.js';

const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
const ROOM = 'caret-labels-e2e';

/** A box as the page measured it. */
interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** A remote caret on a page: its label's text and box, and the box of the line it stands in. */
interface ShownCaret {
  readonly label: string;
  readonly labelBox: Box;
  readonly lineBox: Box;
  readonly colour: string;
}

/** Whether two boxes share any area (touching edges do not count). */
function intersects(a: Box, b: Box): boolean {
  return a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
}

/**
 * Puts the caret `offset` characters into the text of the clause labelled `label`, and waits
 * until the editor has read it (its `selectionchange` listener runs before ours). Returns the
 * few characters before the caret, by which other pages find it.
 */
async function caretAt(page: Page, label: string, offset: number): Promise<string> {
  const selector = `${clauseSelector(label)} > .body`;
  await page.locator(selector).click();
  return page.evaluate(
    ({ selector, offset }) => {
      const body = document.querySelector(selector);
      const walker = body && document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      // The clause's own text, without other people's carets and suggestion tags, which split it.
      let text: Node | null = null;
      let at = offset;
      for (let node = walker?.nextNode(); node; node = walker?.nextNode()) {
        if (node.parentElement?.closest('.remote-caret, .suggestion-tag')) continue;
        const length = node.textContent?.length ?? 0;
        if (at <= length) {
          text = node;
          break;
        }
        at -= length;
      }
      if (!text) throw new Error(`no text at ${offset} in ${selector}`);
      const seen = new Promise<void>((resolve) => {
        const done = () => setTimeout(resolve, 0);
        document.addEventListener('selectionchange', done, { once: true });
        setTimeout(done, 250);
      });
      window.getSelection()?.collapse(text, at);
      const before = (text.textContent ?? '').slice(Math.max(0, at - 3), at);
      return seen.then(() => before);
    },
    { selector, offset },
  );
}

/**
 * The remote carets `page` shows, once it shows one right after each of `befores` (the text
 * before each caret, as {@link caretAt} returned it), laid out.
 */
async function shownCarets(page: Page, befores: readonly string[]): Promise<ShownCaret[]> {
  await page.waitForFunction((expected) => {
    const shown = [...document.querySelectorAll('.draft .remote-caret')].map(
      (caret) => caret.previousSibling?.textContent ?? '',
    );
    return shown.length === expected.length && expected.every((before) => shown.some((text) => text.endsWith(before)));
  }, befores);
  // The labels are laid out in the frame after the carets are drawn.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.$$eval('.draft .remote-caret', (carets) =>
    carets.map((caret) => {
      const label = caret.querySelector<HTMLElement>('.remote-caret-label');
      const box = (r: DOMRect) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
      // The caret's own text (a zero-width joiner) spans the line's text height where it stands.
      const marker = caret.firstChild;
      const range = document.createRange();
      if (marker) range.selectNode(marker);
      return {
        label: label?.textContent ?? '',
        labelBox: box((label ?? caret).getBoundingClientRect()),
        lineBox: box(range.getBoundingClientRect()),
        colour: label ? getComputedStyle(label).backgroundColor : '',
      };
    }),
  );
}

describe('remote caret labels', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let chair: Page;
  let france: Page;
  let brazil: Page;

  async function open(token: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.httpUrl}/rooms/${ROOM}#invite=${token}`);
    await waitForDraft(page);
    return page;
  }

  beforeAll(async () => {
    const webRoot = webAppSnapshot();
    server = await startTestServer({ config: { webRoot } });
    const chairToken = await createRoom(server, ROOM, 'Norms of responsible behaviour');
    browser = await launchBrowser();
    chair = await open(chairToken);
    france = await open(await server.token(ROOM, 'France', 'delegate'));
    brazil = await open(await server.token(ROOM, 'Brazil', 'delegate'));
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  /** Asserts that no label covers another label nor the text line of any caret. */
  function expectClear(carets: readonly ShownCaret[]): void {
    for (const [i, caret] of carets.entries()) {
      for (const [j, other] of carets.entries()) {
        if (i !== j) expect(intersects(caret.labelBox, other.labelBox), `${caret.label} / ${other.label}`).toBe(false);
        expect(intersects(caret.labelBox, other.lineBox), `${caret.label} over the line of ${other.label}`).toBe(false);
      }
    }
  }

  it('keeps labels of carets two letters apart clear of each other and of the line being typed', async () => {
    const atFrance = await caretAt(france, 'PP 2', 30);
    const atBrazil = await caretAt(brazil, 'PP 2', 32);
    const carets = await shownCarets(chair, [atFrance, atBrazil]);
    const clause = await chair.locator(clauseSelector('PP 2')).boundingBox();
    if (!clause) throw new Error('PP 2 is not shown');
    await chair.screenshot({
      path: join(SCREENSHOTS, 'remote-caret-labels.png'),
      clip: { x: clause.x - 8, y: clause.y - 40, width: clause.width + 16, height: clause.height + 48 },
    });
    expect(carets.map((c) => c.label).sort()).toEqual(['Brazil · Brazil', 'France · France']);
    expectClear(carets);
    // One colour per delegation, and a different one for each.
    expect(carets[0]?.colour).not.toBe(carets[1]?.colour);
  });

  it('keeps three labels at one spot apart', async () => {
    const atChair = await caretAt(chair, 'PP 2', 31);
    const atFrance = await caretAt(france, 'PP 2', 31);
    const atBrazil = await caretAt(brazil, 'PP 2', 31);
    expectClear(await shownCarets(chair, [atFrance, atBrazil]));
    expectClear(await shownCarets(france, [atChair, atBrazil]));
    expectClear(await shownCarets(brazil, [atChair, atFrance]));
  });
});

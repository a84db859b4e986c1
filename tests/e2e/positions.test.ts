import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PositionsView } from '@plenary/schema';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, createRoom } from '../support/api.js';
import { launchBrowser } from '../support/browser.js';
import {
  caretAtEndOf,
  caretAtStartOf,
  clauseSelector,
  clauseTextOf,
  openRoomPage,
  openSideTab,
  selectFromCaret,
  waitForClauseText,
  waitForNotice,
  waitForTestIdText,
} from '../support/draft-page.js';
import { readPositions } from '../support/positions.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { countStored } from '../support/stored.js';
import { webAppSnapshot } from '../support/web-app.js';

const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
const ROOM = 'positions-e2e';

/** Selects `text`, the start of the clause's text, with the keyboard. */
async function selectStart(page: Page, label: string, text: string): Promise<void> {
  await caretAtStartOf(page, label);
  await selectFromCaret(page, text.length);
}

describe('brackets, alternatives, status and locks in the drafting room', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let brazil: Page;
  let kenya: Page;
  let france: Page;
  let chair: Page;
  let chairToken = '';
  const errors: string[] = [];

  async function open(token: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await openRoomPage(page, server.httpUrl, ROOM, token);
    return page;
  }

  const positions = (): Promise<PositionsView> => readPositions(server, ROOM, chairToken);

  beforeAll(async () => {
    server = await startTestServer({ config: { webRoot: webAppSnapshot() } });
    chairToken = await createRoom(server, ROOM, 'Norms of responsible behaviour');
    browser = await launchBrowser();
    brazil = await open(await server.token(ROOM, 'Brazil'));
    kenya = await open(await server.token(ROOM, 'Kenya'));
    france = await open(await server.token(ROOM, 'France'));
    chair = await open(chairToken);
  });

  afterAll(async () => {
    expect(errors).toEqual([]);
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('lets Brazil bracket a phrase that Kenya sees tagged Brazil and supports', async () => {
    const text = await clauseTextOf(brazil, 'OP 1');
    const phrase = text.split(' ').slice(0, 2).join(' ');
    await selectStart(brazil, 'OP 1', phrase);
    await brazil.keyboard.press('Alt+b');
    const tag = kenya.locator(`${clauseSelector('OP 1')} .bracket-tag`);
    await tag.waitFor();
    expect(await tag.textContent()).toBe('Brazil');
    expect((await kenya.locator(`${clauseSelector('OP 1')} .bracket-span`).allTextContents()).join('')).toBe(phrase);
    // The words themselves are unchanged: the brackets are drawn, never typed.
    expect(await clauseTextOf(kenya, 'OP 1')).toBe(text);

    await caretAtStartOf(kenya, 'OP 1');
    await waitForTestIdText(kenya, 'position-bar', 'Proposed by Brazil');
    await kenya.locator('[data-testid="bracket-at-caret"] [data-stance="support"]').click();
    await kenya.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="bracket-at-caret"] [data-stance="support"]')
          ?.getAttribute('aria-pressed') === 'true',
    );
    // Brazil sees Kenya's support on hover (the title) and at the caret.
    await brazil.waitForFunction(() =>
      document.querySelector('.draft .bracket-span')?.getAttribute('title')?.includes('supported by Kenya'),
    );
    // Brazil takes no stance on its own bracket.
    await caretAtStartOf(brazil, 'OP 1');
    await waitForTestIdText(brazil, 'position-bar', 'Proposed by Brazil; supported by Kenya');
    expect(await brazil.locator('[data-testid="bracket-at-caret"] [data-stance]').count()).toBe(0);
    const [bracket] = (await positions()).brackets;
    expect(bracket).toMatchObject({ text: phrase, proposedBy: 'Brazil', stances: [{ delegation: 'Kenya' }] });
    expect(await kenya.getByTestId('open-brackets').getAttribute('data-count')).toBe('1');
  });

  it('lets France propose Alt 2, labelled with France for everyone', async () => {
    await caretAtEndOf(france, 'OP 2');
    await france.keyboard.press('Alt+a');
    const second = kenya.locator(`${clauseSelector('OP 2')} .alternative`).nth(1);
    await second.waitFor();
    // France rewords its alternative: the cursor is in it.
    await france.keyboard.press('End');
    await france.keyboard.type(' in good faith');
    await kenya.waitForFunction(
      (selector) => document.querySelector(selector)?.textContent?.includes('in good faith') === true,
      `${clauseSelector('OP 2')} .alternative:nth-child(2)`,
    );
    expect(await second.getAttribute('data-alt-label')).toBe('Alt 2 · France');
    expect(
      await kenya
        .locator(`${clauseSelector('OP 2')} .alternative`)
        .first()
        .getAttribute('data-alt-label'),
    ).toBe('Alt 1');
    const { alternatives } = await positions();
    expect(alternatives).toHaveLength(1);
    expect(alternatives[0]?.options.map((o) => [o.label, o.proposedBy])).toEqual([
      ['Alt 1', null],
      ['Alt 2', 'France'],
    ]);
  });

  it('lets the chair pick Alt 2 and mark the clause agreed ad ref; a delegate cannot type in it, the chair can', async () => {
    await chair.locator(`${clauseSelector('OP 2')} .alternative:nth-child(2) > .body`).click();
    await waitForTestIdText(chair, 'position-bar', 'Alt 2');
    await chair.locator('[data-action="pick-alternative"]').click();
    for (const page of [chair, kenya, france])
      await page
        .waitForFunction((selector) => {
          const clause = document.querySelector(selector);
          return (
            clause !== null &&
            clause.querySelectorAll('.alternative').length === 1 &&
            clause.querySelector('.alternatives[data-picked="true"]') !== null &&
            [...clause.querySelectorAll('.body')].some((body) => {
              const copy = body.cloneNode(true) as Element;
              for (const caret of copy.querySelectorAll('.remote-caret')) caret.remove();
              return copy.textContent?.includes('in good faith');
            })
          );
        }, clauseSelector('OP 2'))
        .catch(async (error: unknown) => {
          throw new Error(
            `no pick on ${page === chair ? 'chair' : page === kenya ? 'kenya' : 'france'}: ${await page.locator(clauseSelector('OP 2')).innerHTML()}`,
            { cause: error },
          );
        });
    const picked = await clauseTextOf(kenya, 'OP 2');
    expect(picked).toContain('in good faith');
    // Nothing is left to choose: no label, no Pick, and the positions list no alternatives.
    expect(await kenya.locator(`${clauseSelector('OP 2')} .alternative`).getAttribute('data-alt-label')).toBeNull();
    expect((await positions()).alternatives).toEqual([]);

    await caretAtEndOf(chair, 'OP 2');
    await chair.getByTestId('status-select').selectOption('agreed-ad-ref');
    const agreed = `${clauseSelector('OP 2')}[data-status="agreed-ad-ref"]`;
    await kenya.locator(agreed).waitFor();
    // The margin names the status with its shape, not only a colour.
    const cue = await kenya.locator(agreed).evaluate((el) => getComputedStyle(el, '::after').content);
    expect(cue).toContain('◆ Agreed ad ref.');
    await kenya.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="open-summary"] [data-status="agreed-ad-ref"]')
          ?.getAttribute('data-count') === '1',
    );
    expect((await positions()).clauses.find((c) => c.label === 'OP 2')).toMatchObject({
      status: 'agreed-ad-ref',
      statusBy: 'Chair',
    });

    // Kenya's typing in the locked clause is stopped in the editor: nothing is sent.
    await server.server.rooms.peek(ROOM).then((room) => room?.whenSettled());
    const stored = await countStored(server, ROOM);
    await caretAtEndOf(kenya, 'OP 2');
    await kenya.keyboard.type('X');
    await waitForNotice(kenya, 'agreed and locked');
    expect(await clauseTextOf(kenya, 'OP 2')).toBe(picked);
    expect(await kenya.getByTestId('status-name').textContent()).toContain('Agreed ad referendum');
    // The chair edits the agreed clause directly; everyone sees it.
    await caretAtEndOf(chair, 'OP 2');
    await chair.keyboard.type(' (as orally revised)');
    await waitForClauseText(kenya, 'OP 2', '(as orally revised)', { others: [chair] });
    expect(await clauseTextOf(kenya, 'OP 2')).toBe(`${picked} (as orally revised)`);
    await server.server.rooms.peek(ROOM).then((room) => room?.whenSettled());
    expect(await countStored(server, ROOM)).toBeGreaterThan(stored);
    expect(await kenya.locator('[data-problem="refused"]').count()).toBe(0);
  });

  it('counts what is still open per part and per delegation in the Positions panel', async () => {
    await openSideTab(kenya, 'Positions');
    const byDelegation = kenya.getByTestId('open-by-delegation');
    await byDelegation.waitFor();
    expect(await byDelegation.textContent()).toContain('Brazil: 1');
    const operative = kenya.locator('[data-testid="open-by-part"] tr[data-part="Operative part"] td');
    expect(await operative.nth(1).textContent()).toBe('1');
    await caretAtStartOf(kenya, 'OP 1');
    await kenya.locator('.room').screenshot({ path: join(SCREENSHOTS, 'positions.png') });
  });

  it('exports the clean, compilation and agreed texts with what each should show', async () => {
    const html = async (mode: string): Promise<string> => {
      const response = await fetch(`${server.httpUrl}/api/rooms/${ROOM}/export?format=html&mode=${mode}`, {
        headers: { authorization: `Bearer ${chairToken}` },
      });
      expect(response.status).toBe(200);
      return response.text();
    };
    const [clean, compilation, agreed] = (await Promise.all(['clean', 'compilation', 'agreed'].map(html))) as [
      string,
      string,
      string,
    ];
    // Clean: the bracket as plain [ ], no delegation named.
    expect(clean).toMatch(/\[\s*(<[^>]+>\s*)*Welcomes/);
    expect(clean).not.toContain('Brazil');
    // Compilation: who proposed, who supports, and the status, from the records.
    expect(compilation).toContain('Brazil');
    expect(compilation).toContain('supported by Kenya');
    expect(compilation).toContain('agreed ad ref.');
    // Agreed: only the agreed-ad-ref OP 2, as picked; OP 1 with its open bracket is left out.
    expect(agreed).toContain('in good faith');
    expect(agreed).not.toContain('Welcomes');
    expect(agreed).not.toContain('Reaffirming');
    // Looked at as pages: the compilation as a reader opens it.
    const page = await (contexts[0] as BrowserContext).newPage();
    await page.setContent(compilation);
    await page.screenshot({ path: join(SCREENSHOTS, 'export-compilation-positions.png'), fullPage: true });
    await page.close();
  });

  it('labels a clause added while numbers are frozen "bis"', async () => {
    await chair.locator('[data-action="freeze-numbering"]').click();
    await chair.waitForFunction(
      () => document.querySelector('[data-action="freeze-numbering"]')?.getAttribute('aria-pressed') === 'true',
    );
    await caretAtEndOf(chair, 'OP 1');
    await chair.keyboard.press('Alt+o');
    await chair.keyboard.type('Invites States to share orbital data;');
    await waitForClauseText(kenya, 'OP 1 bis', 'orbital data', { others: [chair] });
    // OP 2 keeps its number.
    expect(await clauseTextOf(kenya, 'OP 2')).toContain('(as orally revised)');
  });

  it('lets the chair remove the bracket once its text is agreed', async () => {
    await caretAtStartOf(chair, 'OP 1');
    await waitForTestIdText(chair, 'position-bar', 'Proposed by Brazil');
    await chair.locator('[data-action="remove-bracket"]').click();
    await kenya.locator(`${clauseSelector('OP 1')} .bracket-tag`).waitFor({ state: 'detached' });
    expect((await positions()).brackets).toEqual([]);
  });

  it('gives an offline delegate back the words it typed in a clause agreed meanwhile', async () => {
    const kenyaContext = contexts[1] as BrowserContext;
    const op3 = (await positions()).clauses.find((c) => c.label === 'OP 3')?.clauseId ?? '';
    await kenyaContext.setOffline(true);
    await kenya.locator('.banner[data-problem="offline"]').waitFor();
    await caretAtEndOf(kenya, 'OP 3');
    await kenya.keyboard.insertText(' OFFLINE-WORDS');
    await waitForClauseText(kenya, 'OP 3', 'OFFLINE-WORDS');
    const agreed = await callApi(server, 'POST', `rooms/${ROOM}/clauses/${op3}/status`, chairToken, {
      status: 'agreed',
    });
    expect(agreed.status).toBe(200);
    await kenyaContext.setOffline(false);
    // The server refuses the queued edit; the room reopens from the stored draft and offers it.
    const offered = kenya.locator('[data-testid="not-applied"] [data-clause="OP 3"] .not-applied-text');
    await offered.waitFor({ timeout: 30_000 });
    expect(await offered.textContent()).toContain('OFFLINE-WORDS');
    await kenya.locator(`${clauseSelector('OP 3')}[data-status="agreed"]`).waitFor();
    expect(await clauseTextOf(chair, 'OP 3')).not.toContain('OFFLINE-WORDS');
  });
});

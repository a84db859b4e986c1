import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, createRoom } from '../support/api.js';
import { launchBrowser } from '../support/browser.js';
import {
  caretAtStartOf,
  caretInText,
  clauseSelector,
  clauseTextOf,
  selectFromCaret,
  waitForClauseText,
  waitForDraft,
} from '../support/draft-page.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { listSuggestions } from '../support/suggestions.js';
import { webAppSnapshot } from '../support/web-app.js';

const ROOM = 'suggestion-inside-others-e2e';

describe("suggesting inside another delegation's suggestion", () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let france: Page;
  let brazil: Page;
  let chairToken = '';
  const errors: string[] = [];

  async function open(token: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.httpUrl}/rooms/${ROOM}#invite=${token}`);
    await waitForDraft(page);
    return page;
  }

  beforeAll(async () => {
    server = await startTestServer({ config: { webRoot: webAppSnapshot() } });
    chairToken = await createRoom(server, ROOM, 'Norms of responsible behaviour');
    const switched = await callApi(server, 'PATCH', `rooms/${ROOM}/settings`, chairToken, { mode: 'formal' });
    expect(switched.status).toBe(200);
    browser = await launchBrowser();
    france = await open(await server.token(ROOM, 'France', 'delegate', { person: 'p-france' }));
    brazil = await open(await server.token(ROOM, 'Brazil', 'delegate', { person: 'p-brazil' }));
  });

  afterAll(async () => {
    expect(errors).toEqual([]);
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it("lets Brazil suggest inside France's open rewording, attributed to Brazil, with no refusal", async () => {
    const before = await clauseTextOf(brazil, 'OP 1');
    const word = before.split(' ')[0] ?? '';
    // France rewords the clause's first word: a deletion of it and an insertion of two words.
    await caretAtStartOf(france, 'OP 1');
    await selectFromCaret(france, word.length);
    await france.keyboard.type('Strongly urges');
    await waitForClauseText(brazil, 'OP 1', 'Strongly urges', { others: [france] });
    await brazil.waitForFunction(
      (selector) =>
        [...document.querySelectorAll(`${selector} .suggestion-insertion`)].some(
          (el) => el.getAttribute('data-delegation') === 'France' && (el.textContent ?? '').includes('Strongly urges'),
        ),
      clauseSelector('OP 1'),
    );

    // Brazil types inside France's insertion, between its two words.
    await caretInText(brazil, 'OP 1', 'Strongly urges', 'Strongly'.length);
    await brazil.keyboard.type(' also');
    // The delegations' name tags are text in the clause too: wait on the marked run itself.
    await france.waitForFunction(
      (selector) =>
        [...document.querySelectorAll(`${selector} .suggestion-insertion`)].some(
          (el) => el.getAttribute('data-delegation') === 'Brazil' && el.textContent === ' also',
        ),
      clauseSelector('OP 1'),
    );
    await server.server.rooms.peek(ROOM).then((room) => room?.whenSettled());
    const records = await listSuggestions(server, ROOM, chairToken);
    expect(records.map((r) => [r.kind, r.text, r.delegation, r.status]).sort()).toEqual([
      ['deletion', word, 'France', 'open'],
      ['insertion', ' also', 'Brazil', 'open'],
      ['insertion', 'Strongly urges', 'France', 'open'],
    ]);
    // The server refused nothing: Brazil's page never had to reload its draft.
    expect(await brazil.locator('[data-problem="refused"]').count()).toBe(0);
  });
});

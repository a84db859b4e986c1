import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { createRoomByApi } from '../support/draft-page.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { webAppSnapshot } from '../support/web-app.js';

/** Waits for the whole-page notice and returns its heading. */
async function noticeHeading(page: Page): Promise<string> {
  const heading = page.locator('.notice[role="alert"] h1');
  await heading.waitFor();
  return (await heading.textContent()) ?? '';
}

describe('refused invites', () => {
  let server: TestServer;
  let browser: Browser;
  let room: string;

  beforeAll(async () => {
    server = await startTestServer({ config: { webRoot: webAppSnapshot(), openRoomCreation: true } });
    browser = await launchBrowser();
    ({ room } = await createRoomByApi(server.httpUrl, { title: 'Access', template: 'blank' }));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('explains an invalid invite and keeps it out of the address bar', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.httpUrl}/rooms/${room}#invite=not.a.token`);
    expect(await noticeHeading(page)).toBe('This invite is not valid');
    expect(new URL(page.url()).hash).toBe('');
    await page.close();
  });

  it('explains an expired invite', async () => {
    const expired = await server.token(room, 'Kenya', 'delegate', { ttlSeconds: -60 });
    const page = await browser.newPage();
    await page.goto(`${server.httpUrl}/rooms/${room}#invite=${expired}`);
    expect(await noticeHeading(page)).toBe('This invite has expired');
    await page.close();
  });

  it('explains an invite for another room', async () => {
    const other = await server.token('another-room', 'Kenya');
    const page = await browser.newPage();
    await page.goto(`${server.httpUrl}/rooms/${room}#invite=${other}`);
    expect(await noticeHeading(page)).toBe('This invite does not open this room');
    await page.close();
  });

  it('explains a room that does not exist', async () => {
    const token = await server.token('no-such-room', 'Kenya');
    const page = await browser.newPage();
    await page.goto(`${server.httpUrl}/rooms/no-such-room#invite=${token}`);
    expect(await noticeHeading(page)).toBe('This room does not exist');
    await page.close();
  });

  it('asks for an invite when the browser has none', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.httpUrl}/rooms/${room}`);
    expect(await noticeHeading(page)).toBe('You need an invite to open this room');
    await page.close();
  });
});

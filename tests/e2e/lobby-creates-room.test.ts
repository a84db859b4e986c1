import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { clauseLabels, createRoomFromLobby } from '../support/draft-page.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { webAppSnapshot } from '../support/web-app.js';

const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');

describe('lobby', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    const webRoot = webAppSnapshot();
    server = await startTestServer({ config: { webRoot, openRoomCreation: true } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a room from a template and lands the creator in it as chair', async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.httpUrl}/`);
    await page.locator('[data-template="information-exchange"]').click();
    await page.locator('.template-preview .outline-clause').first().waitFor();
    expect(await page.locator('[data-template="information-exchange"] .tag').count()).toBeGreaterThan(0);
    // The template's blanks read as blanks to fill in, as in the room, not as plain words.
    const blanks = await page.locator('.template-preview .outline-text .placeholder').allTextContents();
    expect(blanks.length).toBeGreaterThan(0);
    // Drawn as the editor draws them, between ⟨ ⟩ that are styling, never text of the preview.
    expect(await page.locator('.template-preview').evaluate((el) => /[⟨⟩]/.test(el.textContent ?? ''))).toBe(false);
    const blank = await page
      .locator('.template-preview .outline-text .placeholder')
      .first()
      .evaluate((el) => ({
        fontStyle: getComputedStyle(el).fontStyle,
        opens: getComputedStyle(el, '::before').content,
        closes: getComputedStyle(el, '::after').content,
      }));
    expect(blank).toEqual({ fontStyle: 'italic', opens: '"⟨"', closes: '"⟩"' });
    await page.locator('input[name="title"]').fill('Exchange of information on space objects');
    await page.locator('input[name="symbol"]').fill('A/AC.294/2026/WP.1');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'lobby.png'), fullPage: true });

    const room = await createRoomFromLobby(page, server.httpUrl, {
      template: 'information-exchange',
      title: 'Exchange of information on space objects',
      symbol: 'A/AC.294/2026/WP.1',
      name: 'Ms. Rivera',
    });
    expect(await page.locator('[data-testid="room-title"]').textContent()).toBe(
      'Exchange of information on space objects',
    );
    expect(await page.locator('[data-testid="room-symbol"]').textContent()).toBe('A/AC.294/2026/WP.1');
    expect(await clauseLabels(page)).toEqual([
      'PP 1',
      'OP 1',
      'OP 1 (a)',
      'OP 1 (b)',
      'OP 1 (c)',
      'OP 1 (c) (i)',
      'OP 1 (c) (ii)',
    ]);
    expect(await page.locator('.whoami').textContent()).toContain('Chair');

    // The chair renames the room; the server's record changes with it.
    await page.getByRole('button', { name: 'Edit title and symbol' }).click();
    await page.locator('.title-editor input').first().fill('Information exchange on space objects');
    await page.locator('.title-editor button[type="submit"]').click();
    await page.locator('[data-testid="room-title"]', { hasText: 'Information exchange on space objects' }).waitFor();
    const token = await page.evaluate((r) => localStorage.getItem(`plenary.token.${r}`), room);
    const record = (await (
      await fetch(`${server.httpUrl}/api/rooms/${room}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { title: string; symbol: string };
    expect(record).toMatchObject({ title: 'Information exchange on space objects', symbol: 'A/AC.294/2026/WP.1' });

    // The room is remembered in this browser and listed in the lobby.
    await page.goto(`${server.httpUrl}/`);
    await page.locator(`.known-rooms [data-room="${room}"]`).waitFor();
    expect(await page.locator(`.known-rooms [data-room="${room}"]`).textContent()).toContain('Chair');
    await context.close();
  });
});

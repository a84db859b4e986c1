import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.js';
import { startTestServer, type TestServer } from './server.js';
import { webAppSnapshot } from './web-app.js';

/** A server serving the built web app, and a Chromium to open it with. */
export interface WebHarness {
  readonly server: TestServer;
  readonly browser: Browser;
}

/**
 * For the enclosing `describe`: starts a test server serving a snapshot of the built web app,
 * with open room creation, and launches Chromium before the first test; closes both after the
 * last. Reading `server` or `browser` before they are up throws.
 */
export function useWebHarness(): WebHarness {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startTestServer({ config: { webRoot: webAppSnapshot(), openRoomCreation: true } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('the test server is not started yet');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not launched yet');
      return browser;
    },
  };
}

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { docFromJSON } from '@plenary/schema';
import { prosemirrorToYXmlFragment } from 'y-prosemirror';
import { largeDraft } from '../../packages/export/test/fixtures.js';
import { launchBrowser } from '../support/browser.js';
import { connectClient, whenSynced } from '../support/clients.js';
import { waitForDraft } from '../support/draft-page.js';
import { startTestServer } from '../support/server.js';
import { webAppSnapshot } from '../support/web-app.js';
import { clauseYText } from '../support/y-draft.js';
import { percentile } from './stats.js';

/** Sizes of the browser workload: draft length in pages, and keystrokes measured. */
export interface BrowserSizes {
  readonly pages: number;
  readonly keystrokes: number;
}

/** DESIGN §6 browser budgets. */
export const REMOTE_KEYSTROKE_BUDGET_MS = 16;
export const BUNDLE_BUDGET_BYTES = 400 * 1024;

/** What one run of the browser workload measured. */
export interface BrowserFigures {
  readonly pages: number;
  readonly clauses: number;
  readonly keystrokes: number;
  /** From the update frame's arrival in the page to the character in the draft's DOM. */
  readonly renderP50Ms: number;
  readonly renderP99Ms: number;
  readonly renderMaxMs: number;
  /** Every file of the built app (JavaScript, CSS, HTML, service worker), gzipped one by one. */
  readonly bundleGzipBytes: number;
}

/** Sum of the gzipped sizes of the built app's files (source maps and the precache list aside). */
export function bundleGzipBytes(dist: string): number {
  let total = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(js|css|html)$/.test(entry)) total += gzipSync(readFileSync(path), { level: 9 }).byteLength;
    }
  };
  walk(dist);
  return total;
}

// In the page, before the app loads: stamp every websocket frame's arrival (this listener is
// added before y-websocket sets `onmessage`, so it runs first), and time when the draft's DOM
// changes. `__bench.latencies` gets, per DOM change, the time since the last frame arrived.
const PAGE_PROBE = `
window.__bench = { lastFrame: 0, latencies: [], observing: false };
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener('message', () => { window.__bench.lastFrame = performance.now(); });
  }
};
window.__benchObserve = () => {
  const draft = document.querySelector('.draft');
  new MutationObserver(() => {
    const b = window.__bench;
    if (b.lastFrame > 0) b.latencies.push(performance.now() - b.lastFrame);
    b.lastFrame = 0;
  }).observe(draft, { childList: true, characterData: true, subtree: true });
};
`;

/**
 * The browser workload: a draft of `pages` pages open in headless Chromium, and a stock
 * y-websocket client in Node typing `keystrokes` characters, one at a time, into an operative
 * paragraph in the middle of the draft. Each keystroke waits until the page shows it, so every
 * latency is one update's arrival-to-DOM time.
 */
export async function measureBrowser(sizes: BrowserSizes): Promise<BrowserFigures> {
  const webRoot = webAppSnapshot();
  const server = await startTestServer({ config: { webRoot, roomIdleMs: 60_000 } });
  const browser = await launchBrowser();
  try {
    const room = `bench-browser-${Date.now()}`;
    const chairToken = await server.token(room, 'Chair', 'chair');
    const typist = connectClient(server.wsUrl, room, chairToken);
    await whenSynced(typist.provider);
    const draft = docFromJSON(largeDraft(sizes.pages));
    typist.doc.transact(() => prosemirrorToYXmlFragment(draft, typist.doc.getXmlFragment('draft')));
    let clauses = 0;
    draft.descendants((node) => {
      if (node.type.name === 'pp' || node.type.name === 'op') clauses++;
      return true;
    });

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(PAGE_PROBE);
    const reader = await server.token(room, 'Kenya', 'delegate');
    await page.goto(`${server.httpUrl}/rooms/${room}#invite=${reader}`);
    await waitForDraft(page, 120_000);
    const target = Math.floor((sizes.pages * 5) / 2);
    const text = clauseYText(typist.doc, 'op', target);
    await page.evaluate('window.__benchObserve()');

    for (let i = 0; i < sizes.keystrokes; i++) {
      text.insert(text.length - 1, String.fromCharCode(97 + (i % 26)));
      await page.waitForFunction(
        (n) => (window as unknown as { __bench: { latencies: number[] } }).__bench.latencies.length > n,
        i,
      );
    }
    const latencies = (await page.evaluate('window.__bench.latencies')) as number[];
    typist.destroy();
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      pages: sizes.pages,
      clauses,
      keystrokes: sizes.keystrokes,
      renderP50Ms: percentile(sorted, 50),
      renderP99Ms: percentile(sorted, 99),
      renderMaxMs: sorted[sorted.length - 1] ?? Number.NaN,
      bundleGzipBytes: bundleGzipBytes(webRoot),
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

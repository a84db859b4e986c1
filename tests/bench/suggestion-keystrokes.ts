import type { Browser } from 'playwright-core';
import { waitForDraft } from '../support/draft-page.js';
import type { SpawnedServer } from '../support/spawned-server.js';
import { clauseYText } from '../support/y-draft.js';
import { percentile } from './stats.js';
import { delegationName, middleInsertion } from './suggestion-plan.js';
import type { SuggestionRoom } from './suggestion-room.js';

/** What the page measured: arrival of a keystroke's update to its character in the draft's DOM. */
export interface KeystrokeFigures {
  readonly keystrokes: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** The p99 without the first {@link COLD_KEYSTROKES} keystrokes (the page's first runs of its remote-edit code). */
  readonly laterP99Ms: number;
}

/** Keystrokes left out of {@link KeystrokeFigures.laterP99Ms}. */
export const COLD_KEYSTROKES = 5;

/**
 * Least time between two keystrokes: 20 a second, faster than anyone types, and long enough for
 * the suggestion record push (message 106) that follows each to be handled before the next.
 */
const KEYSTROKE_GAP_MS = 50;

/** How long the page must have run no long task (over 50 ms) before the typing starts. */
const SETTLED_MS = 1000;

// In the page, before the app loads: stamp the arrival of every sync frame (message type 0; the
// listener is added before y-websocket sets `onmessage`, so it runs first), and time when the
// draft's DOM changes. Suggestion pushes (106) and awareness (1) are not stamped: a keystroke's
// latency runs from its own update's arrival. Long tasks are noted, to tell when the page is idle.
const PAGE_PROBE = `
window.__bench = { lastFrame: 0, latencies: [], busyUntil: 0 };
new PerformanceObserver((list) => {
  for (const task of list.getEntries()) {
    window.__bench.busyUntil = Math.max(window.__bench.busyUntil, task.startTime + task.duration);
  }
}).observe({ type: 'longtask', buffered: true });
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener('message', (event) => {
      if (event.data instanceof ArrayBuffer && new Uint8Array(event.data)[0] === 0) {
        window.__bench.lastFrame = performance.now();
      }
    });
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
 * Opens the room in the web app as the chair (who sees every delegation's suggestions and the
 * Suggestions panel) and has the first delegation's client type `keystrokes` characters, one at
 * a time, at the end of its own open insertion in the middle of the draft: in formal mode, what
 * a delegate typing sends. Each keystroke waits until the page shows it.
 */
export async function measureSuggestedKeystrokes(
  browser: Browser,
  server: SpawnedServer,
  room: SuggestionRoom,
  pages: number,
  keystrokes: number,
): Promise<KeystrokeFigures> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.addInitScript(PAGE_PROBE);
    await page.goto(`${server.httpUrl}/rooms/${room.room}#invite=${room.chair}`);
    await waitForDraft(page, 120_000);
    // The suggestions drawn in their delegation's colour: the records have reached the page too.
    await page.waitForSelector(`.draft [data-delegation="${delegationName(0)}"]`, { timeout: 60_000 });
    // Typing starts once the page has settled: the first record push draws every suggestion and
    // lists them all, and the app's start-up work goes on for a few seconds after the draft shows.
    await page.waitForFunction(
      (quietMs) => {
        const bench = (window as unknown as { __bench: { busyUntil: number } }).__bench;
        return performance.now() - bench.busyUntil > quietMs;
      },
      SETTLED_MS,
      { timeout: 60_000, polling: 100 },
    );
    const target = middleInsertion(room.plan, pages);
    const typist = room.delegates[target.delegation];
    if (!typist) throw new Error('no typist');
    const text = clauseYText(typist.doc, target.clause, target.index);
    let at = target.offset + target.text.length;
    await page.evaluate('window.__benchObserve()');
    for (let i = 0; i < keystrokes; i++) {
      const sent = performance.now();
      text.insert(at, String.fromCharCode(97 + (i % 26)), { insertion: { id: target.id } });
      at++;
      await page.waitForFunction(
        (n) => (window as unknown as { __bench: { latencies: number[] } }).__bench.latencies.length > n,
        i,
      );
      const rest = KEYSTROKE_GAP_MS - (performance.now() - sent);
      if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    }
    const latencies = (await page.evaluate('window.__bench.latencies')) as number[];
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      laterP99Ms: percentile(latencies.slice(COLD_KEYSTROKES), 99),
      keystrokes,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      maxMs: sorted[sorted.length - 1] ?? Number.NaN,
    };
  } finally {
    await page.close();
  }
}

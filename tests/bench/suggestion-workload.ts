import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../support/browser.js';
import { spawnServer } from '../support/spawned-server.js';
import { webAppSnapshot } from '../support/web-app.js';
import { pinned } from './peers/launch.js';
import { type AcceptAllFigures, measureAcceptAll } from './suggestion-accept.js';
import { type ChangesExportFigures, measureChangesExport } from './suggestion-export.js';
import { type KeystrokeFigures, measureSuggestedKeystrokes } from './suggestion-keystrokes.js';
import { prepareSuggestionRoom, type SuggestionSizes } from './suggestion-room.js';

/** DESIGN §6 budgets with suggestions open (none has a reference equivalent to compare with). */
export const SUGGESTED_KEYSTROKE_BUDGET_MS = 16;
export const ACCEPT_ALL_BUDGET_MS = 500;
export const CHANGES_EXPORT_BUDGET_MS = 1000;

/** Sizes of one run: the room's, keystrokes typed in the page, and export requests timed. */
export interface SuggestionWorkloadSizes extends SuggestionSizes {
  readonly keystrokes: number;
  readonly exportRuns: number;
}

/** Everything one run of the suggestions workload measured. */
export interface SuggestionFigures {
  readonly pages: number;
  readonly clauses: number;
  readonly delegations: number;
  readonly suggestions: number;
  readonly keystrokes: KeystrokeFigures;
  readonly changesExport: ChangesExportFigures;
  readonly acceptAll: AcceptAllFigures;
}

/**
 * The suggestions workload, against the built server in its own process (on core 0 when
 * `taskset` exists) with its default limits, serving the built web app: a room in formal mode
 * holding a long draft with every delegation's open suggestions (`prepareSuggestionRoom`); a
 * delegate's remote keystrokes rendered in Chromium with the room open; the changes DOCX export;
 * then accept-all, delivered to the chair's and every delegation's client.
 */
export async function measureSuggestions(sizes: SuggestionWorkloadSizes): Promise<SuggestionFigures> {
  const webRoot = webAppSnapshot();
  const dataDir = mkdtempSync(join(tmpdir(), 'plenary-bench-suggestions-'));
  const server = await spawnServer(dataDir, 0, { PLENARY_WEB_ROOT: webRoot }, pinned(0, []));
  try {
    const room = await prepareSuggestionRoom(server, sizes);
    try {
      const browser = await launchBrowser();
      let keystrokes: KeystrokeFigures;
      try {
        keystrokes = await measureSuggestedKeystrokes(browser, server, room, sizes.pages, sizes.keystrokes);
      } finally {
        await browser.close();
      }
      const changesExport = await measureChangesExport(server, room.room, room.chair, sizes.exportRuns);
      const acceptAll = await measureAcceptAll(server, room.room, room.chair, [room.chairClient, ...room.delegates]);
      return {
        pages: sizes.pages,
        clauses: room.clauses,
        delegations: sizes.delegations,
        suggestions: room.plan.length,
        keystrokes,
        changesExport,
        acceptAll,
      };
    } finally {
      for (const client of [room.chairClient, ...room.delegates]) client.destroy();
    }
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

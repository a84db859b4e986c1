import JSZip from 'jszip';
import type { SpawnedServer } from '../support/spawned-server.js';
import { median } from './stats.js';
import { INSERTED_WORDS } from './suggestion-plan.js';

/**
 * The tracked changes signed by a delegation of the workload that carry its suggestions: each
 * insertion holding the suggested words, each deletion (the workload's deletions are all
 * suggested). Words of other changes that the export attributes by their provenance do not count.
 */
function suggestedChanges(document: string): number {
  const changes = document.matchAll(/<w:(ins|del) w:id="\d+" w:author="Delegation \d+[^"]*"[^>]*>([\s\S]*?)<\/w:\1>/g);
  let count = 0;
  for (const [, kind, body = ''] of changes) {
    const text = [...body.matchAll(/<w:(?:t|delText)[^>]*>([^<]*)</g)].map((m) => m[1]).join('');
    if (kind === 'del' || text.includes(INSERTED_WORDS.trim())) count++;
  }
  return count;
}

/** What the changes export measured: time from request to the last byte, over several runs. */
export interface ChangesExportFigures {
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly bytes: number;
  /** Tracked changes (`w:ins`, `w:del`) carrying the workload's suggestions, signed by their delegation. */
  readonly trackedBySuggesters: number;
}

async function fetchExport(server: SpawnedServer, room: string, token: string): Promise<ArrayBuffer> {
  const response = await fetch(`${server.httpUrl}/api/rooms/${room}/export?format=docx&mode=changes&against=zero`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (response.status !== 200) throw new Error(`the changes export answered ${response.status}`);
  return response.arrayBuffer();
}

/**
 * Times `GET /api/rooms/<room>/export?format=docx&mode=changes&against=zero` as the chair:
 * the current draft against the zero draft, each open suggestion a tracked change by its
 * delegation. One unrecorded request first (the server loads its exporters on the first export),
 * then `runs` measured ones, one at a time. Counts the tracked changes whose author is one of
 * the workload's delegations (`Delegation N`), to show the suggestions are in the file.
 */
export async function measureChangesExport(
  server: SpawnedServer,
  room: string,
  token: string,
  runs: number,
): Promise<ChangesExportFigures> {
  await fetchExport(server, room, token);
  const times: number[] = [];
  let body = new ArrayBuffer(0);
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    body = await fetchExport(server, room, token);
    times.push(performance.now() - start);
  }
  const zip = await JSZip.loadAsync(body);
  const document = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const trackedBySuggesters = suggestedChanges(document);
  const sorted = [...times].sort((a, b) => a - b);
  return {
    runs,
    medianMs: median(sorted),
    minMs: sorted[0] ?? Number.NaN,
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
    bytes: body.byteLength,
    trackedBySuggesters,
  };
}

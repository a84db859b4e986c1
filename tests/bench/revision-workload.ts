import { performance } from 'node:perf_hooks';
import { docFromJSON } from '@plenary/schema';
import { prosemirrorToYXmlFragment } from 'y-prosemirror';
import * as Y from 'yjs';
import { largeDraft } from '../../packages/export/test/fixtures.js';
import { callApi, createRoom } from '../support/api.js';
import { connectClient, waitForAsync, whenSynced } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { appendToClause, clauseYText } from '../support/y-draft.js';
import { applyTxn, loadTrace, type Trace, type TraceTxn } from './trace.js';

/** Compare and concordance of two long revisions, server side (docs/BENCHMARKS.md). */
export const COMPARE_BUDGET_MS = 300;
/** Event-loop time of issuing a revision of the automerge-paper trace document. */
export const ISSUE_BUDGET_MS = 100;

/** Sizes of the revisions workload. */
export interface RevisionSizes {
  readonly pages: number;
  /** Timed runs of each figure (after one untimed). */
  readonly runs: number;
  /** Transactions of the automerge-paper trace typed into the draft (all of them when undefined). */
  readonly traceTxns?: number;
}

/** Median, minimum and maximum of a list of timings. */
export interface Timing {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

/** What one run of the revisions workload measured. */
export interface RevisionFigures {
  readonly pages: number;
  readonly clauses: number;
  /** Clauses the comparison reports as not `same`. */
  readonly changedClauses: number;
  readonly compare: Timing;
  readonly concordance: Timing;
  readonly trace: {
    readonly txns: number;
    readonly characters: number;
    readonly stateBytes: number;
    /** Event-loop active time while the server issued the revision (median of the runs). */
    readonly eventLoop: Timing;
    /** Request to answer of the issue (median of the runs). */
    readonly answered: Timing;
  };
}

function timing(values: readonly number[]): Timing {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    medianMs: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
    minMs: sorted[0] ?? Number.NaN,
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

async function timed(runs: number, task: () => Promise<void>): Promise<Timing> {
  await task();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  return timing(times);
}

async function ok(answer: Promise<{ status: number; body: unknown }>, what: string, status = 200): Promise<unknown> {
  const got = await answer;
  if (got.status !== status) throw new Error(`${what} answered ${got.status}: ${JSON.stringify(got.body)}`);
  return got.body;
}

/** Waits until the server's loaded room holds everything `doc` holds. */
async function stored(server: TestServer, room: string, doc: Y.Doc): Promise<void> {
  const want = Buffer.from(Y.encodeStateVector(doc));
  await waitForAsync(
    async () => {
      const loaded = await server.server.rooms.peek(room);
      return loaded ? want.equals(Buffer.from(Y.encodeStateVector(loaded.doc))) : false;
    },
    'the server holds the draft',
    120_000,
  );
}

/**
 * Two revisions of a `pages`-page draft around edits to one clause in ten (words added, a
 * clause deleted, one added): `GET …/compare` and the concordance export (html) between them,
 * request to answer against the server in this process. Then the automerge-paper editing trace
 * typed into one clause of a fresh room (its whole history in the document), and issuing a
 * revision of it, measured as the event-loop time the process was busy meanwhile.
 */
export async function measureRevisions(sizes: RevisionSizes): Promise<RevisionFigures> {
  const server = await startTestServer();
  try {
    const room = 'bench-revisions';
    const chair = await createRoom(server, room, 'Benchmark draft');
    const client = connectClient(server.wsUrl, room, chair);
    await whenSynced(client.provider);
    const draft = docFromJSON(largeDraft(sizes.pages));
    let clauses = 0;
    draft.descendants((node) => {
      if (node.type.name === 'pp' || node.type.name === 'op') clauses++;
      return true;
    });
    const fragment = client.doc.getXmlFragment('draft');
    client.doc.transact(() => {
      fragment.delete(0, fragment.length);
      prosemirrorToYXmlFragment(draft, fragment);
    });
    await stored(server, room, client.doc);
    await ok(callApi(server, 'POST', `rooms/${room}/revisions`, chair, { label: 'Rev.1' }), 'issuing Rev.1', 201);
    const ops = [...fragment.createTreeWalker((el) => el instanceof Y.XmlElement && el.nodeName === 'op')];
    client.doc.transact(() => {
      for (let i = 0; i < ops.length; i += 10) appendToClause(client.doc, 'op', i, ' and reports on it annually');
      clauseYText(client.doc, 'op', 3).insert(0, 'Further ');
    });
    await stored(server, room, client.doc);
    await ok(callApi(server, 'POST', `rooms/${room}/revisions`, chair, { label: 'Rev.2' }), 'issuing Rev.2', 201);
    let changedClauses = 0;
    const compare = await timed(sizes.runs, async () => {
      const body = (await ok(
        callApi(server, 'GET', `rooms/${room}/compare?from=rev-1&to=rev-2`, chair),
        'compare',
      )) as { clauses: { change: string }[] };
      changedClauses = body.clauses.filter((c) => c.change !== 'same').length;
    });
    const concordance = await timed(sizes.runs, async () => {
      const response = await fetch(
        `${server.httpUrl}/api/rooms/${room}/export?format=html&mode=concordance&against=rev-1&revision=rev-2`,
        { headers: { authorization: `Bearer ${chair}` } },
      );
      if (response.status !== 200) throw new Error(`concordance export answered ${response.status}`);
      await response.arrayBuffer();
    });
    client.destroy();
    const trace = await measureTraceIssue(server, sizes);
    return { pages: sizes.pages, clauses, changedClauses, compare, concordance, trace };
  } finally {
    await server.stop();
  }
}

async function measureTraceIssue(server: TestServer, sizes: RevisionSizes): Promise<RevisionFigures['trace']> {
  const room = 'bench-revision-trace';
  const chair = await createRoom(server, room, 'Trace draft');
  const client = connectClient(server.wsUrl, room, chair);
  await whenSynced(client.provider);
  const trace: Trace = loadTrace('automerge-paper');
  const txns = Math.min(sizes.traceTxns ?? trace.txns.length, trace.txns.length);
  const text = clauseYText(client.doc, 'op', 0);
  text.delete(0, text.length);
  // The trace typed into OP 1 in batches, each one update, as a client sends them.
  const batch = 5000;
  for (let from = 0; from < txns; from += batch) {
    client.doc.transact(() => {
      for (let i = from; i < Math.min(from + batch, txns); i++) applyTxn(text, trace.txns[i] as TraceTxn);
    });
  }
  await stored(server, room, client.doc);
  const characters = text.length;
  const eventLoop: number[] = [];
  const answered: number[] = [];
  for (let run = 0; run <= sizes.runs; run++) {
    const before = performance.eventLoopUtilization();
    const start = performance.now();
    await ok(callApi(server, 'POST', `rooms/${room}/revisions`, chair, { label: `Rev.${run + 1}` }), 'issuing', 201);
    const took = performance.now() - start;
    const busy = performance.eventLoopUtilization(before).active;
    if (run > 0) {
      eventLoop.push(busy);
      answered.push(took);
    }
  }
  const record = await server.server.storage.getRevision(room, 'rev-1');
  client.destroy();
  return {
    txns,
    characters,
    stateBytes: record?.state.byteLength ?? 0,
    eventLoop: timing(eventLoop),
    answered: timing(answered),
  };
}

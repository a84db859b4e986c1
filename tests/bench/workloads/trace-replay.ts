import * as Y from 'yjs';
import { connectFullClient } from '../clients/full-client.js';
import { LightSocket } from '../clients/light-socket.js';
import type { JobResult, Target, TraceParams } from '../job.js';
import { cpuSeconds, settledRss } from '../proc.js';
import { applyTxn, contentAfter, loadTrace, TEXT_NAME, type TraceTxn } from '../trace.js';
import { lightSocketsConverged } from './converge.js';
import { waitUntil } from './wait.js';

const ROOM = 'bench-trace';

function sameStateVector(a: Y.Doc, b: Y.Doc): boolean {
  const x = Y.encodeStateVector(a);
  const y = Y.encodeStateVector(b);
  return x.length === y.length && x.every((byte, i) => byte === y[i]);
}

/**
 * Trace replay: one stock client types the first `edits` edits of automerge-paper, one edit per
 * transaction (one update each), in bursts; after each burst it waits until a full observer has
 * caught up, so every peer sees the same pacing. Figures: server CPU per 1,000 edits and wire
 * bytes per edit received by each observer.
 */
export async function traceReplay(target: Target, params: TraceParams): Promise<JobResult> {
  const trace = loadTrace('automerge-paper');
  const edits = Math.min(params.edits, trace.txns.length);
  const expected = contentAfter(trace, edits);
  const url = `${target.wsBase}/${ROOM}?token=${target.token}`;
  const fullObservers = Array.from({ length: Math.min(params.fullObservers, params.observers) }, () =>
    connectFullClient(target.wsBase, ROOM, target.token),
  );
  const lights = Array.from(
    { length: params.observers - fullObservers.length },
    () => new LightSocket(url, { record: true }),
  );
  const writer = connectFullClient(target.wsBase, ROOM, target.token);
  await Promise.all([writer.synced, ...fullObservers.map((c) => c.synced), ...lights.map((s) => s.synced)]);
  const probe = fullObservers[0]?.doc ?? null;
  const text = writer.doc.getText(TEXT_NAME);
  const probeText = probe?.getText(TEXT_NAME) ?? null;

  const lightBytes0 = lights.map((s) => s.bytes);
  const cpu0 = cpuSeconds(target.pid);
  const start = performance.now();
  for (let i = 0; i < edits; i++) {
    writer.doc.transact(() => applyTxn(text, trace.txns[i] as TraceTxn));
    if ((i + 1) % params.burst === 0 && probe && probeText) {
      await waitUntil(() => probeText.length === text.length && sameStateVector(probe, writer.doc), 60_000, 1);
    }
  }
  const fullDone = await waitUntil(
    () => fullObservers.every((c) => c.doc.getText(TEXT_NAME).toString() === expected),
    120_000,
    20,
  );
  // Light sockets are done when their byte counts stop moving; then their documents are checked.
  let lastBytes = -1;
  await waitUntil(
    () => {
      const total = lights.reduce((sum, s) => sum + s.bytes, 0);
      const still = total === lastBytes;
      lastBytes = total;
      return still;
    },
    120_000,
    250,
  );
  const elapsed = (performance.now() - start) / 1000;
  const cpu = cpuSeconds(target.pid) - cpu0;
  const rss = await settledRss(target.pid, { maxMs: 5000 });
  const lightsDone = lightSocketsConverged(lights, expected);
  const downBytes = lights.map((s, i) => s.bytes - (lightBytes0[i] as number));
  for (const c of [writer, ...fullObservers]) c.destroy();
  await Promise.all(lights.map((s) => s.close()));
  const perEdit = downBytes.length > 0 ? downBytes.reduce((a, b) => a + b, 0) / downBytes.length / edits : Number.NaN;
  return {
    figures: {
      edits,
      replay_s: elapsed,
      edits_per_s: edits / elapsed,
      server_cpu_s: cpu,
      cpu_s_per_1k_edits: (cpu / edits) * 1000,
      wire_bytes_per_edit_per_observer: perEdit,
      rss_after_bytes: rss,
    },
    converged: fullDone && lightsDone,
    detail: `${fullObservers.length} full + ${lights.length} light observers; full ${fullDone}, light ${lightsDone}`,
  };
}

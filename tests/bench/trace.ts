import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as Y from 'yjs';

/** One patch of an editing trace: delete `del` characters at `pos`, then insert `ins` there. */
export type Patch = readonly [pos: number, del: number, ins: string];

export interface TraceTxn {
  readonly patches: readonly Patch[];
  /** Concurrent traces: which user made the transaction… */
  readonly agent?: number;
  /** …and the indexes of the transactions it was made on top of. */
  readonly parents?: readonly number[];
}

/** An editing trace of josephg/editing-traces (see tests/fixtures/traces/README.md). */
export interface Trace {
  readonly endContent: string;
  readonly txns: readonly TraceTxn[];
  readonly numAgents?: number;
}

/** The name of the Y.Text every bench client types into (outside the `draft` schema rules). */
export const TEXT_NAME = 'text';

const FIXTURES = new URL('../fixtures/traces/', import.meta.url);

/** Loads `tests/fixtures/traces/<name>.json.gz`. */
export function loadTrace(name: 'automerge-paper' | 'friendsforever'): Trace {
  return JSON.parse(gunzipSync(readFileSync(new URL(`${name}.json.gz`, FIXTURES))).toString('utf8')) as Trace;
}

/** Applies `txn` to `text` (positions count UTF-16 units; these traces stay below U+FFFF). */
export function applyTxn(text: Y.Text, txn: TraceTxn): void {
  for (const [pos, del, ins] of txn.patches) {
    if (del > 0) text.delete(pos, del);
    if (ins.length > 0) text.insert(pos, ins);
  }
}

/** The text after the first `count` transactions of a sequential trace. */
export function contentAfter(trace: Trace, count: number): string {
  if (count >= trace.txns.length) return trace.endContent;
  const doc = new Y.Doc();
  const text = doc.getText(TEXT_NAME);
  doc.transact(() => {
    for (let i = 0; i < count; i++) applyTxn(text, trace.txns[i] as TraceTxn);
  });
  const content = text.toString();
  doc.destroy();
  return content;
}

/** The encoded Yjs document after the first `count` transactions of a sequential trace. */
export function stateAfter(trace: Trace, count: number): Uint8Array {
  const doc = new Y.Doc();
  const text = doc.getText(TEXT_NAME);
  doc.transact(() => {
    for (let i = 0; i < Math.min(count, trace.txns.length); i++) applyTxn(text, trace.txns[i] as TraceTxn);
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/** The text of a document built from `updates` (received by a light socket). */
export function textOfUpdates(updates: readonly Uint8Array[]): string {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  const content = doc.getText(TEXT_NAME).toString();
  doc.destroy();
  return content;
}

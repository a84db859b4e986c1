import * as Y from 'yjs';

/**
 * The one place the server reads Yjs internals: the store's `pendingStructs` and `pendingDs`
 * (updates whose dependencies have not arrived), which Yjs 13.6 keeps on `doc.store` with no
 * public accessor. Written against yjs 13.6.33 (DESIGN §3 keeps the 13.6 line);
 * server/test/integrated-state.test.ts checks the fields' shape and fails when a Yjs release
 * changes them.
 */

/** The Yjs release line this module was written and tested against. */
export const INTEGRATED_STATE_YJS = '13.6';

/** Bytes Yjs holds in `doc` for updates whose dependencies have not arrived. */
export function pendingBytes(doc: Y.Doc): number {
  return (doc.store.pendingStructs?.update.length ?? 0) + (doc.store.pendingDs?.length ?? 0);
}

/**
 * `Y.encodeStateAsUpdate` without what Yjs holds pending. An update whose dependencies are
 * missing emits nothing, so it is never stored; `Y.encodeStateAsUpdate` would still include it,
 * handing clients (and snapshots) content that storage does not have and that a hostile client
 * can make up at will. It is sent once its dependencies arrive, inside the update that
 * integrates it.
 */
export function encodeIntegrated(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const store = doc.store;
  const { pendingStructs, pendingDs } = store;
  if (!pendingStructs && !pendingDs) return Y.encodeStateAsUpdate(doc, stateVector);
  store.pendingStructs = null;
  store.pendingDs = null;
  try {
    return Y.encodeStateAsUpdate(doc, stateVector);
  } finally {
    store.pendingStructs = pendingStructs;
    store.pendingDs = pendingDs;
  }
}

import * as Y from 'yjs';

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

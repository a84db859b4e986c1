import type { Logger } from 'pino';
import * as Y from 'yjs';
import { Authorship, authorOf } from './authorship.js';
import { RoomLoadError } from './errors.js';
import { LOAD_ORIGIN } from './origin.js';
import type { Storage } from './storage/storage.js';

/** What a room knows about its stored copy when it loads. */
export interface StoredState {
  readonly lastSeq: number;
  readonly updatesSinceSnapshot: number;
  readonly bytesSinceSnapshot: number;
  readonly snapshotBytes: number;
  /**
   * The encoded document when storage already holds it as one snapshot with nothing after it,
   * so the first joins after a cold load get the stored bytes without encoding the document.
   */
  readonly fullState: Uint8Array | null;
}

/** A stored document not decoded yet: the snapshot, and its state vector read at load. */
export interface UndecodedState {
  readonly update: Uint8Array;
  readonly stateVector: Uint8Array;
}

/** A room's stored document as loaded: decoded, or (one snapshot) left to decode on first use. */
export interface LoadedDoc {
  readonly doc: Y.Doc | null;
  readonly undecoded: UndecodedState | null;
  readonly stored: StoredState;
}

/**
 * The room's authorship bindings as stored, persisting each new one, so that a client id bound
 * to one author stays refused to others after a restart. A failed read fails the load rather
 * than forgetting who owns what.
 */
export async function loadAuthorship(
  id: string,
  deps: { readonly storage: Storage; readonly logger: Logger },
): Promise<Authorship> {
  let bound: Awaited<ReturnType<Storage['listAuthorBindings']>>;
  try {
    bound = await deps.storage.listAuthorBindings(id);
  } catch (error) {
    throw new RoomLoadError(`room ${id} authorship could not be read from storage`, { cause: error });
  }
  return new Authorship(
    bound.map((b) => [b.clientId, b.author] as const),
    (author, clients) => {
      const who = authorOf(author);
      deps.storage
        .putAuthorBindings(
          id,
          clients.map((clientId) => ({ clientId, author, ...who })),
        )
        .catch((error: unknown) => deps.logger.error({ room: id, err: error }, 'storing authorship failed'));
    },
  );
}

/**
 * Reads a room's document from storage. One snapshot with nothing after it (every room that was
 * unloaded or shut down cleanly) is only parsed, for its state vector and to refuse a snapshot
 * that does not decode; anything else is decoded at once. Throws `RoomLoadError` on a failed
 * read or an undecodable document.
 */
export async function loadDoc(id: string, storage: Storage): Promise<LoadedDoc> {
  let stored: Awaited<ReturnType<Storage['loadDocument']>>;
  try {
    stored = await storage.loadDocument(id);
  } catch (error) {
    throw new RoomLoadError(`room ${id} could not be read from storage`, { cause: error });
  }
  const bytesSinceSnapshot = stored.updates.reduce((sum, u) => sum + u.length, 0);
  const state: StoredState = {
    lastSeq: stored.lastSeq,
    updatesSinceSnapshot: stored.updates.length,
    bytesSinceSnapshot,
    snapshotBytes: stored.snapshot?.length ?? 0,
    fullState: stored.snapshot && stored.updates.length === 0 ? stored.snapshot : null,
  };
  if (state.fullState) {
    try {
      const stateVector = Y.encodeStateVectorFromUpdate(state.fullState);
      return { doc: null, undecoded: { update: state.fullState, stateVector }, stored: state };
    } catch (error) {
      throw new RoomLoadError(`room ${id} has a stored document that does not decode`, { cause: error });
    }
  }
  const doc = new Y.Doc({ gc: true });
  const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : [...stored.updates];
  try {
    if (parts.length > 0) {
      Y.applyUpdate(doc, parts.length === 1 ? (parts[0] as Uint8Array) : Y.mergeUpdates(parts), LOAD_ORIGIN);
    }
  } catch (error) {
    doc.destroy();
    throw new RoomLoadError(`room ${id} has a stored document that does not decode`, { cause: error });
  }
  return { doc, undecoded: null, stored: state };
}

import { type CommentsPayload, type CommentThread, MessageType, readComments } from '@plenary/protocol';
import {
  CLAUSE_NODE_NAMES,
  clauseTexts,
  DRAFT_FRAGMENT,
  encodeAnchorPosition,
  findClauseElement,
  readId,
} from '@plenary/schema';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { callApi } from './api.js';
import { waitFor } from './clients.js';
import type { TestServer } from './server.js';

/** A raw socket in a room and every comment payload (message 102) and frame type it received. */
export interface CommentListener {
  readonly socket: WebSocket;
  readonly types: number[];
  readonly payloads: CommentsPayload[];
  /** The latest version of every thread received, by id. */
  readonly threads: Map<string, CommentThread>;
}

/** Opens a raw socket with `?ext=` (or none) and records what arrives. */
export async function listenForComments(
  server: Pick<TestServer, 'wsUrl'>,
  room: string,
  token: string,
  ext: string | null = 'comments',
): Promise<CommentListener> {
  const query = ext === null ? `token=${token}` : `token=${token}&ext=${ext}`;
  const socket = new WebSocket(`${server.wsUrl}/${room}?${query}`);
  const listener: CommentListener = { socket, types: [], payloads: [], threads: new Map() };
  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(decoder);
    listener.types.push(type);
    if (type !== MessageType.comments) return;
    const payload = readComments(decoder);
    listener.payloads.push(payload);
    for (const thread of payload.kind === 'threads' ? payload.threads : [payload.thread]) {
      listener.threads.set(thread.id, thread);
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return listener;
}

/** Resolves once every frame the server sent before now has arrived (an awareness round trip). */
export async function commentBarrier(listener: CommentListener): Promise<void> {
  const seen = listener.types.filter((t) => t === MessageType.awareness).length;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.queryAwareness);
  listener.socket.send(encoding.toUint8Array(encoder));
  await waitFor(() => listener.types.filter((t) => t === MessageType.awareness).length > seen, 'the awareness answer');
}

/** The ids of the clauses of a room's stored draft, in document order. */
export async function clauseIds(server: TestServer, room: string): Promise<string[]> {
  const stored = await server.server.storage.loadDocument(room);
  const doc = new Y.Doc();
  for (const update of [...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates]) Y.applyUpdate(doc, update);
  const out: string[] = [];
  const walk = (parent: Y.XmlFragment | Y.XmlElement): void => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      const id = readId(child.getAttribute('id'));
      if ((CLAUSE_NODE_NAMES as readonly string[]).includes(child.nodeName) && id) out.push(id);
      walk(child);
    }
  };
  walk(doc.getXmlFragment(DRAFT_FRAGMENT));
  doc.destroy();
  return out;
}

/** Starts a thread over HTTP and returns the answer. */
export function postThread(server: TestServer, room: string, token: string, body: Record<string, unknown>) {
  return callApi(server, 'POST', `rooms/${room}/comments`, token, body);
}

/**
 * A span anchor on the words `from`..`to` of a clause's text in the room's stored draft: the
 * relative positions as the web app makes them, and the quoted words.
 */
export async function spanAnchor(server: TestServer, room: string, clauseId: string, from: number, to: number) {
  const stored = await server.server.storage.loadDocument(room);
  const doc = new Y.Doc();
  for (const update of [...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates]) Y.applyUpdate(doc, update);
  const clause = findClauseElement(doc.getXmlFragment(DRAFT_FRAGMENT), clauseId);
  const text = clause ? clauseTexts(clause)[0] : undefined;
  if (!text) throw new Error(`clause ${clauseId} has no text`);
  const plain = (text.toDelta() as { insert: unknown }[])
    .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('');
  const anchor = {
    clauseId,
    start: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, from)),
    end: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, to, -1)),
    quote: plain.slice(from, to),
  };
  doc.destroy();
  return anchor;
}

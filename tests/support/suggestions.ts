import { MessageType, readSuggestions, type SuggestionRecord, type SuggestionsPayload } from '@plenary/protocol';
import type * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { callApi } from './api.js';
import type { TestServer } from './server.js';
import { clauseYText } from './y-draft.js';

/** Suggestion pushes (message 106) a stock provider received, in order. */
export interface SuggestionFeed {
  readonly payloads: SuggestionsPayload[];
  /** The newest record of `id` among every push so far. */
  latest(id: string): SuggestionRecord | undefined;
}

/**
 * Teaches a stock provider (connected with `?ext=suggestions`) to read message 106, the way an
 * application adds a handler to y-websocket's per-provider `messageHandlers`.
 */
export function listenForSuggestions(provider: WebsocketProvider): SuggestionFeed {
  const payloads: SuggestionsPayload[] = [];
  provider.messageHandlers[MessageType.suggestions] = (_encoder: unknown, decoder: decoding.Decoder) => {
    payloads.push(readSuggestions(decoder));
  };
  return {
    payloads,
    latest(id) {
      let found: SuggestionRecord | undefined;
      for (const payload of payloads) for (const record of payload.suggestions) if (record.id === id) found = record;
      return found;
    },
  };
}

/** Appends `text` to the clause's text under an `insertion` mark with `id`, as y-prosemirror writes it. */
export function suggestInsertion(doc: Y.Doc, kind: 'pp' | 'op', index: number, text: string, id: string): void {
  const target = clauseYText(doc, kind, index);
  target.insert(target.length, text, { insertion: { id } });
}

/** Marks `length` characters from `from` of the clause's text as a proposed deletion with `id`. */
export function suggestDeletion(
  doc: Y.Doc,
  kind: 'pp' | 'op',
  index: number,
  from: number,
  length: number,
  id: string,
) {
  clauseYText(doc, kind, index).format(from, length, { deletion: { id } });
}

/** The room's suggestion records over `GET /api/rooms/<room>/suggestions`. */
export async function listSuggestions(server: TestServer, room: string, token: string): Promise<SuggestionRecord[]> {
  const answer = await callApi(server, 'GET', `rooms/${room}/suggestions`, token);
  if (answer.status !== 200) throw new Error(`listing suggestions answered ${answer.status}`);
  return (answer.body as { suggestions: SuggestionRecord[] }).suggestions;
}

/**
 * Types `text` at `offset` of the clause's text with `marks` (format key → `{id}`), the way
 * y-prosemirror writes a typed run: every formatting key the text holds that the run does not
 * carry is written as null, and Yjs writes the formatting in effect there back after the run.
 */
export function typeInClause(
  doc: Y.Doc,
  kind: 'pp' | 'op',
  index: number,
  offset: number,
  text: string,
  marks: Record<string, { id: string }> = {},
): void {
  const target = clauseYText(doc, kind, index);
  const attributes: Record<string, unknown> = {};
  for (const op of target.toDelta() as { attributes?: Record<string, unknown> }[]) {
    for (const key of Object.keys(op.attributes ?? {})) attributes[key] = null;
  }
  target.insert(offset, text, { ...attributes, ...marks });
}

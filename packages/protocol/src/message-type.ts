/**
 * Message types on the wire. The first varuint of every binary frame names its type.
 *
 * 0–3 are the y-websocket protocol and are understood by every stock client. Numbers from 100
 * up are Plenary extensions: the server sends them only to connections that opted in with the
 * matching `ext` query value (see `docs/PROTOCOL.md`), because the stock client logs an error on
 * any type it does not know.
 */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /** Server → client: the number of this connection's document writes now stored durably. */
  ack: 100,
  /** Server → client: the room's settings as a varString of JSON, on connect and on every change. */
  settings: 101,
  /** Server → client: comment threads as a varString of JSON, on connect and on every change. */
  comments: 102,
  /**
   * Both ways, opt-in `ext=operations`: a chair operation as a varString of JSON, and the server's
   * reply to it, matched by the request's `id`.
   */
  operation: 103,
  /**
   * Server → client, opt-in `ext=room`: the room's title and symbol as a varString of JSON, on
   * connect and on every change.
   */
  room: 104,
  /**
   * Both ways, no body: a client asks whether the connection still carries messages, and the
   * server answers that connection alone. Lets a client notice a dead network within seconds.
   */
  keepalive: 105,
  /**
   * Server → client, opt-in `ext=suggestions`: the room's suggestion records as a varString of
   * JSON, all on connect and the changed ones on every change.
   */
  suggestions: 106,
  /**
   * Server → client, opt-in `ext=positions`: the room's position records (who proposed each
   * bracket and alternative, stances, clause status changes, picks, frozen numbering) as a
   * varString of JSON, all on connect and the changed ones on every change.
   */
  positions: 107,
} as const;

export type MessageTypeValue = (typeof MessageType)[keyof typeof MessageType];

/** Sub-types of a `sync` message (y-protocols). */
export const SyncMessageType = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;

/** Extension names a client may request with `?ext=a,b`. */
export const Extension = {
  ack: 'ack',
  settings: 'settings',
  comments: 'comments',
  operations: 'operations',
  room: 'room',
  suggestions: 'suggestions',
  positions: 'positions',
} as const;

export type ExtensionName = (typeof Extension)[keyof typeof Extension];

/** Parses an `ext` query value into the set of known extensions, ignoring unknown names. */
export function parseExtensions(value: string | null | undefined): Set<ExtensionName> {
  const known = new Set<string>(Object.values(Extension));
  const out = new Set<ExtensionName>();
  for (const part of (value ?? '').split(',')) {
    const name = part.trim();
    if (known.has(name)) out.add(name as ExtensionName);
  }
  return out;
}

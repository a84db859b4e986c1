import {
  CloseCode,
  isRetryableClose,
  MessageType,
  type RoomMetadata,
  readAck,
  readComments,
  readPositions,
  readRoomMetadata,
  readSettings,
  readSuggestions,
  SCHEMA_PARAM,
} from '@plenary/protocol';
import { DRAFT_FRAGMENT, SCHEMA_VERSION } from '@plenary/schema';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CommentFeed } from '../comments/comment-feed.js';
import { forgetRoomOnDevice } from '../local/forget-room.js';
import { LocalDraft } from '../local/local-draft.js';
import { PositionFeed } from '../positions/position-feed.js';
import { SuggestionFeed } from '../suggestions/suggestion-feed.js';
import { type AccessProblem, problemFromCloseCode } from './access-problem.js';
import { type ClauseText, readClauseTexts } from './clause-texts.js';
import { watchConnection } from './keepalive.js';
import type { PresenceUser } from './presence.js';
import { type RetryNotice, retryNoticeFromCloseCode } from './retry-notice.js';
import { SaveTracker } from './save-tracker.js';

/**
 * Whether two snapshots say the same: every field equal, objects (problem, notice, refused
 * clauses, metadata) by identity, as the connection keeps them until they change.
 */
export function sameSnapshot(a: ConnectionSnapshot, b: ConnectionSnapshot): boolean {
  for (const key of Object.keys(b) as (keyof ConnectionSnapshot)[]) if (a[key] !== b[key]) return false;
  return Object.keys(a).length === Object.keys(b).length;
}

/** Where the connection stands: the first attempt, working, cut off (retrying), or given up. */
export type ConnectionPhase = 'connecting' | 'online' | 'offline' | 'stopped';

/** The room's drafting mode (DESIGN §4): everyone edits, or delegates only suggest. */
export type RoomMode = 'informal' | 'formal';

/** An immutable picture of the connection for rendering. */
export interface ConnectionSnapshot {
  readonly phase: ConnectionPhase;
  /** The current socket has completed its initial sync. */
  readonly synced: boolean;
  /** Some socket has synced since this connection was made (the draft has been loaded). */
  readonly everSynced: boolean;
  /** Some local change is not yet acknowledged as stored by the server. */
  readonly pending: boolean;
  /** The draft kept on this device has been read (the editor may show it before any sync). */
  readonly localLoaded: boolean;
  /**
   * Whether this device holds every change made here: `stored` once IndexedDB has them,
   * `storing` while a write is in flight, `unavailable` when IndexedDB cannot be used.
   */
  readonly kept: 'stored' | 'storing' | 'unavailable';
  /** Why the connection stopped for good, when it did. */
  readonly problem: AccessProblem | null;
  /**
   * Why the server closed the last socket, while retrying, when the close code says more than
   * "the server went away" (4513: this browser read too slowly); null once connected again.
   */
  readonly retry: RetryNotice | null;
  /**
   * The server refused an update (4509): the local copy (memory and IndexedDB) has been
   * discarded and the room must be reopened; holds the draft as this browser had it, per clause.
   */
  readonly refused: readonly ClauseText[] | null;
  /** The room's `observersMayComment` setting (message 101, `?ext=settings`); false until pushed. */
  readonly observersMayComment: boolean;
  /**
   * The room's `mode` setting (message 101): in `formal` mode delegates can only suggest.
   * `informal` until pushed; the server checks every write under the mode it holds.
   */
  readonly mode: RoomMode;
  /**
   * The room's title and symbol as the server last pushed them (message 104, `?ext=room`), on
   * connect and whenever the chair changes them; null until the first push.
   */
  readonly metadata: RoomMetadata | null;
}

export interface RoomConnectionOptions {
  readonly room: string;
  readonly token: string;
  readonly user: PresenceUser;
  /** Base websocket URL, e.g. `ws://host/collab`. */
  readonly serverUrl: string;
  /**
   * Asks the server why a socket closed abnormally. Browsers never see the status of a refused
   * upgrade (401/403 both look like close code 1006), so the session endpoint tells. Resolves
   * `null` when nothing is wrong with the access (the server is down or restarting).
   */
  readonly diagnose: () => Promise<AccessProblem | null>;
  /**
   * Tries to renew the session token after the server closed with 4401 (the token expired while
   * the room was open). Resolves the new token, or null when renewal was refused.
   */
  readonly renew?: () => Promise<string | null>;
}

/** The websocket URL of the collab endpoint on the page's own origin. */
export function collabUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}

/**
 * One room's Y.Doc and its y-websocket provider, with Plenary's behaviour on top: the token
 * travels as a websocket protocol value, the server's acks (`?ext=ack`) drive the save state,
 * and close codes follow DESIGN §4 (stop on 4400–4499 except 4509/4529; 4509 asks the owner to
 * start afresh; 4513 and the other retryable codes reconnect). Subscribe with {@link subscribe}/{@link getSnapshot} (`useSyncExternalStore`).
 */
export class RoomConnection {
  readonly doc = new Y.Doc();
  readonly fragment: Y.XmlFragment;
  readonly provider: WebsocketProvider;
  /** The room's comment threads, fed by message 102 (`?ext=comments`). */
  readonly comments = new CommentFeed();
  /** The room's suggestion records, fed by message 106 (`?ext=suggestions`). */
  readonly suggestions = new SuggestionFeed();
  /** The room's position records (brackets, alternatives, statuses), fed by message 107 (`?ext=positions`). */
  readonly positions = new PositionFeed();
  private readonly tracker: SaveTracker;
  private readonly local: LocalDraft;
  private localLoaded = false;
  private readonly listeners = new Set<() => void>();
  private phase: ConnectionPhase = 'connecting';
  private everOnline = false;
  private everSynced = false;
  private failures = 0;
  private problem: AccessProblem | null = null;
  private retry: RetryNotice | null = null;
  private refused: readonly ClauseText[] | null = null;
  private metadata: RoomMetadata | null = null;
  private diagnosing = false;
  private destroyed = false;
  private snapshot: ConnectionSnapshot;
  private observersMayComment = false;
  private mode: RoomMode = 'informal';
  private readonly stopWatch: () => void;

  constructor(private readonly options: RoomConnectionOptions) {
    this.fragment = this.doc.getXmlFragment(DRAFT_FRAGMENT);
    this.tracker = new SaveTracker(() => this.emit());
    this.local = new LocalDraft(options.room, this.doc, () => this.emit());
    this.snapshot = this.makeSnapshot();
    this.provider = new WebsocketProvider(options.serverUrl, options.room, this.doc, {
      connect: false,
      protocols: [options.token],
      // The schema this build reads: a room made with a newer one opens read-only.
      params: { ext: 'ack,comments,settings,room,suggestions,positions', [SCHEMA_PARAM]: String(SCHEMA_VERSION) },
      // Cross-tab sharing would carry writes past the counted socket and confuse the save state.
      disableBc: true,
      maxBackoffTime: 2500,
      shouldReconnect: (event) => isRetryableClose(event.code),
    });
    this.provider.messageHandlers[MessageType.ack] = (_encoder, decoder) => {
      this.tracker.acknowledge(readAck(decoder));
    };
    this.provider.messageHandlers[MessageType.comments] = (_encoder, decoder) => {
      this.comments.receive(readComments(decoder));
    };
    this.provider.messageHandlers[MessageType.settings] = (_encoder, decoder) => {
      this.receiveSettings(readSettings(decoder));
    };
    this.provider.messageHandlers[MessageType.suggestions] = (_encoder, decoder) => {
      this.suggestions.receive(readSuggestions(decoder));
    };
    this.provider.messageHandlers[MessageType.positions] = (_encoder, decoder) => {
      this.positions.receive(readPositions(decoder));
    };
    this.provider.messageHandlers[MessageType.room] = (_encoder, decoder) => {
      this.receiveMetadata(readRoomMetadata(decoder));
    };
    this.provider.on('status', ({ status }) => this.onStatus(status));
    this.provider.on('sync', (synced) => {
      if (synced) this.everSynced = true;
      this.emit();
    });
    this.provider.on('connection-close', (event) => this.onClose(event));
    this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === this.provider || origin === this.local.origin) return;
      const ws = this.provider.ws;
      this.tracker.noteLocalChange(this.provider.wsconnected && ws !== null && ws.readyState === WebSocket.OPEN);
    });
    this.provider.awareness.setLocalStateField('user', options.user);
    this.stopWatch = watchConnection(this.provider, () => this.onDeadSocket());
    void this.open();
  }

  /**
   * Reads the copy kept on this device first, then connects: the sync step 2 this client sends
   * then carries every change made offline, even across reloads.
   */
  private async open(): Promise<void> {
    await this.local.load();
    if (this.destroyed) return;
    if (this.fragment.length > 0) {
      this.localLoaded = true;
      // Whatever the device kept may hold changes the server never stored: not "saved" until the
      // next connection's sync step 2 has been acknowledged.
      this.tracker.noteLocalChange(false);
    }
    this.emit();
    if (this.phase !== 'stopped') this.provider.connect();
  }

  get awareness(): Awareness {
    return this.provider.awareness;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly getSnapshot = (): ConnectionSnapshot => this.snapshot;

  /** Closes the socket and the device copy (which stays stored) and frees the document. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.stopWatch();
    this.listeners.clear();
    this.provider.destroy();
    void this.local.close();
    this.doc.destroy();
  }

  /**
   * Switches to a renewed token: later connections present it, and an open socket reconnects
   * with it at once so the server's expiry timer follows the new token. The document is kept,
   * so edits not yet stored are sent again after the reconnect's sync.
   */
  setToken(token: string): void {
    if (this.provider.protocols[0] === token || this.destroyed) return;
    this.provider.protocols = [token];
    if (this.phase === 'stopped') return;
    if (this.provider.wsconnected || this.provider.wsconnecting) {
      this.provider.disconnect();
      this.provider.connect();
    }
  }

  /**
   * Leaves the room and forgets it on this device (shared conference computers): closes the
   * connection, deletes the IndexedDB copy, the token, the kept session and the lobby entry.
   */
  async forget(): Promise<void> {
    const room = this.options.room;
    this.destroyed = true;
    this.stopWatch();
    this.listeners.clear();
    this.provider.destroy();
    await this.local.close();
    this.doc.destroy();
    await forgetRoomOnDevice(room);
  }

  /** Takes the settings the server pushed (on connect and whenever the chair changes them). */
  private receiveSettings(settings: unknown): void {
    const record = typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>) : {};
    const observersMayComment = record.observersMayComment === true;
    const mode: RoomMode = record.mode === 'formal' ? 'formal' : 'informal';
    if (observersMayComment === this.observersMayComment && mode === this.mode) return;
    this.observersMayComment = observersMayComment;
    this.mode = mode;
    this.emit();
  }

  private onStatus(status: 'connected' | 'disconnected' | 'connecting'): void {
    if (status === 'connecting') {
      if (this.provider.ws) this.tracker.attach(this.provider.ws);
      this.phase = this.everOnline || this.failures > 0 ? 'offline' : 'connecting';
    } else if (status === 'connected') {
      this.everOnline = true;
      this.phase = 'online';
      this.retry = null;
    } else if (this.phase !== 'stopped') {
      this.phase = 'offline';
      this.tracker.socketLost();
    }
    this.emit();
  }

  /**
   * The socket went silent or the browser went offline (`watchConnection`): drop it at once, so
   * the page says "Offline" and keeps what is typed on this device, and start reconnecting.
   */
  private onDeadSocket(): void {
    if (this.destroyed || this.phase === 'stopped') return;
    this.provider.disconnect();
    this.provider.connect();
  }

  private onClose(event: CloseEvent | null): void {
    // `null` is a close we made ourselves (disconnect, or the no-message watchdog).
    if (event === null || this.destroyed) return;
    this.failures++;
    if (event.code === CloseCode.refused) {
      void this.discardRefused();
      return;
    }
    if (event.code === CloseCode.unauthorized && this.options.renew) {
      void this.renewAfterExpiry(event.reason);
      return;
    }
    if (!isRetryableClose(event.code)) {
      this.stop(problemFromCloseCode(event.code, event.reason));
      // 4401/4403 say "no"; the session endpoint says why (expired, revoked, wrong room).
      if (event.code === CloseCode.unauthorized || event.code === CloseCode.forbidden) void this.refine();
      return;
    }
    this.phase = 'offline';
    this.retry = retryNoticeFromCloseCode(event.code);
    this.emit();
    void this.refine();
  }

  /**
   * The server closed with 4401: renew the token and reconnect with it, or, when renewal is
   * refused (an expired token cannot be renewed), stop and say why.
   */
  private async renewAfterExpiry(reason: string): Promise<void> {
    this.phase = 'offline';
    this.emit();
    const renewed = await this.options.renew?.().catch(() => null);
    if (this.destroyed) return;
    if (renewed) {
      this.setToken(renewed);
      this.provider.connect();
      return;
    }
    this.stop(problemFromCloseCode(CloseCode.unauthorized, reason));
    if (reason !== 'token expired') void this.refine();
  }

  /**
   * 4509: keeps the local draft's text for the not-applied panel, then drops the device copy so
   * that the reopened room starts from the server's draft alone.
   */
  private async discardRefused(): Promise<void> {
    const discarded = readClauseTexts(this.fragment);
    this.stop(null);
    await this.local.discard();
    this.refused = discarded;
    this.emit();
  }

  /** Asks the server why; stops for good only when the access itself is refused. */
  private async refine(): Promise<void> {
    if (this.diagnosing) return;
    this.diagnosing = true;
    try {
      const problem = await this.options.diagnose();
      if (problem && !this.destroyed) this.stop(problem);
    } finally {
      this.diagnosing = false;
    }
  }

  private stop(problem: AccessProblem | null): void {
    this.provider.disconnect();
    this.phase = 'stopped';
    if (problem) this.problem = problem;
    this.emit();
  }

  /**
   * Keeps the newest metadata: the record read when a socket connects can arrive after a change
   * pushed meanwhile, so an older `updatedAt` never replaces a newer one.
   */
  private receiveMetadata(metadata: RoomMetadata): void {
    if (this.metadata && Date.parse(metadata.updatedAt) < Date.parse(this.metadata.updatedAt)) return;
    this.metadata = metadata;
    this.emit();
  }

  private makeSnapshot(): ConnectionSnapshot {
    return {
      phase: this.phase,
      synced: this.provider?.synced ?? false,
      everSynced: this.everSynced,
      pending: this.tracker.pending,
      localLoaded: this.localLoaded,
      kept: this.local.isUnavailable ? 'unavailable' : this.local.allStored ? 'stored' : 'storing',
      problem: this.problem,
      retry: this.retry,
      refused: this.refused,
      observersMayComment: this.observersMayComment,
      mode: this.mode,
      metadata: this.metadata,
    };
  }

  /**
   * Tells the listeners of a new snapshot, only when something in it changed: the local copy
   * reports each stored write and the save tracker each acknowledgement, most of which change
   * nothing shown, and an unchanged snapshot keeps its identity so the room is not drawn again.
   */
  private emit(): void {
    if (this.destroyed) return;
    const next = this.makeSnapshot();
    if (sameSnapshot(this.snapshot, next)) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}

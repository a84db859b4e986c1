import { CloseCode, isRetryableClose, MessageType, readAck } from '@plenary/protocol';
import { DRAFT_FRAGMENT } from '@plenary/schema';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type AccessProblem, problemFromCloseCode } from './access-problem.js';
import type { PresenceUser } from './presence.js';
import { SaveTracker } from './save-tracker.js';

/** Where the connection stands: the first attempt, working, cut off (retrying), or given up. */
export type ConnectionPhase = 'connecting' | 'online' | 'offline' | 'stopped';

/** An immutable picture of the connection for rendering. */
export interface ConnectionSnapshot {
  readonly phase: ConnectionPhase;
  /** The current socket has completed its initial sync. */
  readonly synced: boolean;
  /** Some socket has synced since this connection was made (the draft has been loaded). */
  readonly everSynced: boolean;
  /** Some local change is not yet acknowledged as stored by the server. */
  readonly pending: boolean;
  /** Why the connection stopped for good, when it did. */
  readonly problem: AccessProblem | null;
  /** The server refused an update (4509): local state must be discarded and the room reopened. */
  readonly refused: boolean;
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
}

/** The websocket URL of the collab endpoint on the page's own origin. */
export function collabUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}

/**
 * One room's Y.Doc and its y-websocket provider, with Plenary's behaviour on top: the token
 * travels as a websocket protocol value, the server's acks (`?ext=ack`) drive the save state,
 * and close codes follow DESIGN §4 (stop on 4400–4499 except 4509/4529; 4509 asks the owner to
 * start afresh). Subscribe with {@link subscribe}/{@link getSnapshot} (`useSyncExternalStore`).
 */
export class RoomConnection {
  readonly doc = new Y.Doc();
  readonly fragment: Y.XmlFragment;
  readonly provider: WebsocketProvider;
  private readonly tracker: SaveTracker;
  private readonly listeners = new Set<() => void>();
  private phase: ConnectionPhase = 'connecting';
  private everOnline = false;
  private everSynced = false;
  private failures = 0;
  private problem: AccessProblem | null = null;
  private refused = false;
  private diagnosing = false;
  private destroyed = false;
  private snapshot: ConnectionSnapshot;

  constructor(private readonly options: RoomConnectionOptions) {
    this.fragment = this.doc.getXmlFragment(DRAFT_FRAGMENT);
    this.tracker = new SaveTracker(() => this.emit());
    this.snapshot = this.makeSnapshot();
    this.provider = new WebsocketProvider(options.serverUrl, options.room, this.doc, {
      connect: false,
      protocols: [options.token],
      params: { ext: 'ack' },
      // Cross-tab sharing would carry writes past the counted socket and confuse the save state.
      disableBc: true,
      maxBackoffTime: 2500,
      shouldReconnect: (event) => isRetryableClose(event.code),
    });
    this.provider.messageHandlers[MessageType.ack] = (_encoder, decoder) => {
      this.tracker.acknowledge(readAck(decoder));
    };
    this.provider.on('status', ({ status }) => this.onStatus(status));
    this.provider.on('sync', (synced) => {
      if (synced) this.everSynced = true;
      this.emit();
    });
    this.provider.on('connection-close', (event) => this.onClose(event));
    this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === this.provider) return;
      const ws = this.provider.ws;
      this.tracker.noteLocalChange(this.provider.wsconnected && ws !== null && ws.readyState === WebSocket.OPEN);
    });
    this.provider.awareness.setLocalStateField('user', options.user);
    this.provider.connect();
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

  /** Closes the socket and frees the document. */
  destroy(): void {
    this.destroyed = true;
    this.listeners.clear();
    this.provider.destroy();
    this.doc.destroy();
  }

  private onStatus(status: 'connected' | 'disconnected' | 'connecting'): void {
    if (status === 'connecting') {
      if (this.provider.ws) this.tracker.attach(this.provider.ws);
      this.phase = this.everOnline || this.failures > 0 ? 'offline' : 'connecting';
    } else if (status === 'connected') {
      this.everOnline = true;
      this.phase = 'online';
    } else if (this.phase !== 'stopped') {
      this.phase = 'offline';
    }
    this.emit();
  }

  private onClose(event: CloseEvent | null): void {
    // `null` is a close we made ourselves (disconnect, or the no-message watchdog).
    if (event === null || this.destroyed) return;
    this.failures++;
    if (event.code === CloseCode.refused) {
      this.refused = true;
      this.stop(null);
      return;
    }
    if (!isRetryableClose(event.code)) {
      this.stop(problemFromCloseCode(event.code, event.reason));
      // 4401/4403 say "no"; the session endpoint says why (expired, revoked, wrong room).
      if (event.code === CloseCode.unauthorized || event.code === CloseCode.forbidden) void this.refine();
      return;
    }
    this.phase = 'offline';
    this.emit();
    void this.refine();
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

  private makeSnapshot(): ConnectionSnapshot {
    return {
      phase: this.phase,
      synced: this.provider?.synced ?? false,
      everSynced: this.everSynced,
      pending: this.tracker.pending,
      problem: this.problem,
      refused: this.refused,
    };
  }

  private emit(): void {
    if (this.destroyed) return;
    this.snapshot = this.makeSnapshot();
    for (const listener of this.listeners) listener();
  }
}

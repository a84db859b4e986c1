import { isWriteFrame } from './write-frames.js';

/**
 * Knows whether every local change is stored on the server.
 *
 * The server acknowledges (message type 100, `?ext=ack`) the cumulative number of document
 * writes from one connection that it has stored. The tracker counts the writes this client
 * sent on the current socket (by wrapping its `send`) and compares. Changes made while no
 * socket was open are "unsent" until the sync step 2 of the next connection — which carries
 * everything the server lacks — has been acknowledged.
 */
export class SaveTracker {
  private sent = 0;
  private stored = 0;
  private unsent = false;
  private socket: WebSocket | null = null;

  constructor(private readonly onChange: () => void) {}

  /** True while some local change is not yet known to be stored. */
  get pending(): boolean {
    return this.unsent || this.stored < this.sent;
  }

  /** Starts counting on a new socket; counts restart because the server counts per connection. */
  attach(socket: WebSocket): void {
    if (this.socket === socket) return;
    this.socket = socket;
    this.sent = 0;
    this.stored = 0;
    const send = socket.send.bind(socket);
    socket.send = (data) => {
      // Count only frames that actually leave: y-websocket sends on open sockets only.
      if (socket.readyState === WebSocket.OPEN && isWriteFrame(data)) {
        this.sent++;
        this.onChange();
      }
      send(data);
    };
  }

  /**
   * The socket closed: writes sent on it and not acknowledged may never have been stored, so
   * they count as unsent until the next connection's sync step 2 (which carries them) is.
   */
  socketLost(): void {
    if (this.stored < this.sent && !this.unsent) {
      this.unsent = true;
      this.onChange();
    }
  }

  /** A local change happened; `online` says whether a socket was open to carry it. */
  noteLocalChange(online: boolean): void {
    if (online) return;
    if (!this.unsent) {
      this.unsent = true;
      this.onChange();
    }
  }

  /** The server stored `stored` writes from this connection. */
  acknowledge(stored: number): void {
    this.stored = Math.max(this.stored, stored);
    // The first write of a connection is its sync step 2, which holds every change made offline.
    if (this.stored >= this.sent && this.sent > 0) this.unsent = false;
    this.onChange();
  }
}

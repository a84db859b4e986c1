import {
  encodeOperation,
  MessageType,
  type OperationName,
  type OperationResult,
  readOperationResult,
} from '@plenary/protocol';
import type { WebsocketProvider } from 'y-websocket';

/** An operation the server refused or could not answer: the HTTP API's error code and status. */
export class OperationError extends Error {
  override readonly name = 'OperationError';
  constructor(
    /** `chair_only`, `invalid_request`, `room_not_found` … or `offline` when no answer can come. */
    readonly code: string,
    /** The HTTP status of the same refusal; 0 for `offline`. */
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface Pending {
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: OperationError) => void;
}

/**
 * Chair operations over a room's websocket (message 103, `docs/PROTOCOL.md`). The provider must
 * ask for them with `params: { ext: '…,operations' }`; without that the server closes the socket
 * with 4400 at the first operation. Each call resolves with the operation's result or rejects with
 * {@link OperationError}; calls still waiting when the socket closes reject with `offline`, since
 * their answers cannot arrive (the operation may or may not have run).
 */
export class RoomOperations {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly provider: WebsocketProvider) {
    provider.messageHandlers[MessageType.operation] = (_encoder, decoder) => this.settle(readOperationResult(decoder));
    provider.on('connection-close', this.onClose);
  }

  /** Sends operation `op` with `args` (the HTTP body's shape) and resolves with its result. */
  call(op: OperationName, args: object = {}): Promise<unknown> {
    const ws = this.provider.ws;
    if (!ws || ws.readyState !== ws.OPEN) {
      return Promise.reject(new OperationError('offline', 0, 'not connected to the room'));
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      ws.send(encodeOperation({ id, op, args }));
    });
  }

  /** Stops listening and rejects the calls still waiting. */
  destroy(): void {
    this.provider.off('connection-close', this.onClose);
    delete this.provider.messageHandlers[MessageType.operation];
    this.onClose();
  }

  private settle(result: OperationResult): void {
    if (typeof result.id !== 'number') return;
    const waiter = this.pending.get(result.id);
    if (!waiter) return;
    this.pending.delete(result.id);
    if (result.ok) waiter.resolve(result.result);
    else waiter.reject(new OperationError(result.error.code, result.error.status, result.error.message));
  }

  private readonly onClose = (): void => {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const waiter of waiting)
      waiter.reject(new OperationError('offline', 0, 'connection closed before the answer'));
  };
}

import {
  encodeOperationResult,
  MessageType,
  type OperationFailure,
  OperationFormatError,
  type OperationId,
  type OperationRequest,
  type OperationResult,
  readOperation,
} from '@plenary/protocol';
import type * as decoding from 'lib0/decoding';
import type { Logger } from 'pino';
import type { InviteDeps } from './chair-operations.js';
import type { Connection } from './connection.js';
import { HttpError, MalformedMessageError } from './errors.js';
import { isOperationName, runOperation } from './operations.js';

/** Operations one connection may have waiting or running; more are answered `rate_limited`. */
export const MAX_QUEUED_OPERATIONS = 16;

/** What the websocket path of chair operations needs. */
export interface OperationDeps extends InviteDeps {
  readonly logger: Logger;
}

/** One opted-in connection's operations: run one at a time, in the order they arrived. */
interface OperationChannel {
  readonly deps: OperationDeps;
  tail: Promise<void>;
  queued: number;
}

/** Connections that opted in with `?ext=operations`, and their channel. */
const channels = new WeakMap<Connection, OperationChannel>();

/**
 * Lets `connection` send chair operations (message 103) when it opted in with
 * `?ext=operations`; without this, message 103 is an unknown message type (4400).
 */
export function openOperationChannel(connection: Connection, deps: OperationDeps): void {
  if (connection.wants('operations')) channels.set(connection, { deps, tail: Promise.resolve(), queued: 0 });
}

function failure(id: OperationId | null, error: OperationFailure): OperationResult {
  return { id, ok: false, error };
}

function reply(connection: Connection, result: OperationResult): void {
  connection.send(encodeOperationResult(result));
}

/**
 * Handles message 103 from `connection`. A frame cut short closes the socket with 4400, like
 * any undecodable frame; everything readable gets a reply and keeps the socket open: a request
 * that is not a valid operation (over 64 KiB, not JSON, no valid id, unknown `op`, bad `args`),
 * a refusal by the rules (the HTTP API's error code and status), and success with the result.
 */
export function handleOperationMessage(connection: Connection, decoder: decoding.Decoder): void {
  const channel = channels.get(connection);
  if (!channel) throw new MalformedMessageError(`unknown message type ${MessageType.operation}`);
  let request: OperationRequest;
  try {
    request = readOperation(decoder);
  } catch (error) {
    if (!(error instanceof OperationFormatError)) throw new MalformedMessageError('malformed operation');
    reply(connection, failure(error.id, { code: error.code, message: error.message, status: error.status }));
    return;
  }
  if (channel.queued >= MAX_QUEUED_OPERATIONS) {
    reply(
      connection,
      failure(request.id, {
        code: 'rate_limited',
        message: `over ${MAX_QUEUED_OPERATIONS} operations waiting; retry later`,
        status: 429,
      }),
    );
    return;
  }
  channel.queued++;
  channel.tail = channel.tail.then(() =>
    run(connection, channel.deps, request).finally(() => {
      channel.queued--;
    }),
  );
}

/** Runs one request and replies once: before connections close when the operation closes some. */
async function run(connection: Connection, deps: OperationDeps, request: OperationRequest): Promise<void> {
  // An operation still waiting when its socket closed (revoked, expired, gone) is dropped: its
  // caller can no longer hear the answer, and a revoked caller must not act.
  if (!connection.isOpen) return;
  const { id, op } = request;
  if (!isOperationName(op)) {
    reply(connection, failure(id, { code: 'unknown_operation', message: `unknown operation "${op}"`, status: 400 }));
    return;
  }
  let replied = false;
  const answer = (result: OperationResult): void => {
    if (replied) return;
    replied = true;
    reply(connection, result);
  };
  try {
    const result = await runOperation(deps, op, {
      identity: connection.identity,
      room: connection.room.id,
      readArgs: () => Promise.resolve(request.args),
      beforeClosing: (early) => answer({ id, ok: true, result: early }),
    });
    answer({ id, ok: true, result });
  } catch (error) {
    if (error instanceof HttpError) {
      answer(failure(id, { code: error.code, message: error.message, status: error.status }));
      return;
    }
    deps.logger.error({ room: connection.room.id, op, err: error }, 'operation failed');
    answer(failure(id, { code: 'internal', message: 'internal error', status: 500 }));
  }
}

import { CloseCode } from '@plenary/protocol';

/**
 * Why the server closed a connection that is being retried, in words for the reader, for the
 * close codes that say more than "the server went away".
 */
export interface RetryNotice {
  readonly kind: 'too-slow';
  readonly title: string;
  readonly detail: string;
}

/** The server stopped sending because this browser did not read fast enough (4513). */
export const TOO_SLOW: RetryNotice = {
  kind: 'too-slow',
  title: 'The connection could not keep up with the room',
  detail:
    'The server closed it because changes were arriving faster than this browser received them. Reconnecting: nothing is lost, the draft catches up once connected, and your changes are kept on this device until then.',
};

/** The notice for a retryable close code, or `null` when the plain offline notice says it. */
export function retryNoticeFromCloseCode(code: number): RetryNotice | null {
  return code === CloseCode.sendBufferFull ? TOO_SLOW : null;
}

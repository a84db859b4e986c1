import { CloseCode } from '@plenary/protocol';
import { ApiError } from '../api/http.js';

/** Why this browser cannot work in a room, in words for the reader. */
export interface AccessProblem {
  readonly kind:
    | 'no-invite'
    | 'invite-invalid'
    | 'invite-expired'
    | 'forbidden'
    | 'revoked'
    | 'session-expired'
    | 'room-missing'
    | 'too-large'
    | 'protocol'
    | 'not-found';
  readonly title: string;
  readonly detail: string;
}

/** No token at all: the person needs an invite link. */
export const NO_INVITE: AccessProblem = {
  kind: 'no-invite',
  title: 'You need an invite to open this room',
  detail: 'Ask the Chair for an invite link for your delegation, then open it in this browser.',
};

/** The room has no record on the server. */
export const ROOM_MISSING: AccessProblem = {
  kind: 'room-missing',
  title: 'This room does not exist',
  detail:
    'Check the link, or ask the Chair whether the draft was moved or archived. You can start a new draft from the lobby.',
};

/** The chair revoked this delegation or person. */
export const REVOKED: AccessProblem = {
  kind: 'revoked',
  title: 'Your access to this room was revoked',
  detail:
    'The Chair revoked the invite this window was using, so the server closed the connection. If you should still take part, ask the Chair for a new invite.',
};

/** The session token expired while the room was open, and renewing it was refused. */
export const SESSION_EXPIRED: AccessProblem = {
  kind: 'session-expired',
  title: 'Your session has expired',
  detail:
    'Your access to this room ran out while the room was open and could not be renewed. Ask the Chair for a new invite link, then open it in this browser.',
};

/** The problem behind an API refusal of the session request. */
export function problemFromApiError(error: ApiError): AccessProblem {
  if (error.status === 401) {
    if (/expired/i.test(error.message)) {
      return {
        kind: 'invite-expired',
        title: 'This invite has expired',
        detail: 'Ask the Chair for a new invite link for your delegation.',
      };
    }
    return {
      kind: 'invite-invalid',
      title: 'This invite is not valid',
      detail: `The server did not accept it (${error.message}). Check that the whole link was copied, or ask the Chair for a new one.`,
    };
  }
  if (error.status === 403 && error.code === 'revoked') return REVOKED;
  if (error.status === 403) {
    return {
      kind: 'forbidden',
      title: 'This invite does not open this room',
      detail: `The server refused it (${error.message}): it may be for another room, or it was revoked. Ask the Chair for a new invite.`,
    };
  }
  if (error.status === 404) return ROOM_MISSING;
  return {
    kind: 'protocol',
    title: 'The server refused the request',
    detail: `${error.message} (${error.status} ${error.code}).`,
  };
}

/**
 * The problem behind a permanent websocket close code (DESIGN §4), or `null` when the code is
 * one to retry. 4401 and 4403 are refined by asking the session endpoint why.
 */
export function problemFromCloseCode(code: number, reason: string): AccessProblem | null {
  switch (code) {
    case CloseCode.unauthorized:
      if (reason === 'token expired') return SESSION_EXPIRED;
      return problemFromApiError(new ApiError(401, 'invalid_token', reason || 'token invalid'));
    case CloseCode.forbidden:
      if (reason === 'access revoked') return REVOKED;
      return problemFromApiError(new ApiError(403, 'forbidden', reason || 'forbidden'));
    case CloseCode.roomGone:
      return {
        kind: 'room-missing',
        title: 'This room was closed',
        detail: 'The room was deleted or archived. Your text is still shown here; copy anything you need.',
      };
    case CloseCode.tooLarge:
      return {
        kind: 'too-large',
        title: 'The draft is over its size limit',
        detail: `The server stopped accepting changes (${reason || 'size limit'}). Copy your latest text and tell the Chair.`,
      };
    case CloseCode.malformed:
      return {
        kind: 'protocol',
        title: 'The connection was closed by the server',
        detail: `It could not read a message from this browser (${reason || 'malformed message'}). Reload the page.`,
      };
    default:
      return null;
  }
}

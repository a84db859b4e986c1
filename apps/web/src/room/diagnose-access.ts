import { ApiError, ServerUnreachableError } from '../api/http.js';
import { fetchSession } from '../api/rooms.js';
import { type AccessProblem, problemFromApiError, ROOM_MISSING } from '../collab/access-problem.js';

/**
 * Asks the session endpoint whether `token` still opens `room`. Resolves the problem when the
 * server refuses it, `null` when access is fine or the server cannot be reached (then the
 * socket keeps retrying). Other failures propagate.
 */
export async function diagnoseAccess(room: string, token: string): Promise<AccessProblem | null> {
  try {
    const session = await fetchSession(room, token);
    return session.exists ? null : ROOM_MISSING;
  } catch (error) {
    if (error instanceof ApiError) return problemFromApiError(error);
    if (error instanceof ServerUnreachableError) return null;
    throw error;
  }
}

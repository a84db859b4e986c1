import { forgetKnownRoom, removeToken } from './known-rooms.js';
import { forgetSession } from './known-session.js';
import { deleteLocalDraft } from './local-draft.js';

/**
 * Forgets `room` on this device (shared conference computers): deletes the IndexedDB copy of
 * its draft, then the token, the kept session and the lobby entry. Resolves once the copy is
 * gone; a window that still has the room open delays that until it closes the database.
 */
export async function forgetRoomOnDevice(room: string): Promise<void> {
  await deleteLocalDraft(room);
  removeToken(room);
  forgetSession(room);
  forgetKnownRoom(room);
}

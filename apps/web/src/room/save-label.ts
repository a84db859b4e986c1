import type { Role } from '../api/rooms.js';
import type { ConnectionSnapshot } from '../collab/room-connection.js';

/** What the save indicator says, and how loudly. */
export interface SaveLabel {
  readonly text: string;
  readonly tone: 'quiet' | 'busy' | 'warning' | 'error';
  readonly hint: string;
}

/**
 * The connection and save state in words. "All changes saved" appears only when the server has
 * acknowledged storing every write this client sent (and nothing typed offline, or kept on this
 * device from an earlier visit, is unsent); until then offline edits are "kept on this device",
 * said only once IndexedDB holds every one of them.
 */
export function saveLabel(snapshot: ConnectionSnapshot, role: Role): SaveLabel {
  if (snapshot.problem) {
    return { text: 'Not connected', tone: 'error', hint: snapshot.problem.title };
  }
  if (snapshot.phase === 'connecting') {
    return { text: 'Connecting', tone: 'busy', hint: 'Opening the room on the server' };
  }
  if (snapshot.phase !== 'online') {
    if (snapshot.pending && snapshot.kept === 'unavailable') {
      return {
        text: 'Offline: changes kept in this tab only',
        tone: 'error',
        hint: 'This browser does not let the page store data: keep the tab open until the server is back',
      };
    }
    if (snapshot.pending && snapshot.kept === 'storing') {
      return {
        text: 'Offline: keeping changes on this device…',
        tone: 'busy',
        hint: 'Writing your changes to this browser',
      };
    }
    if (snapshot.pending) {
      return {
        text: 'Offline: changes kept on this device',
        tone: 'warning',
        hint: 'Your changes are stored in this browser and sent when the server is back',
      };
    }
    return { text: 'Offline', tone: 'warning', hint: 'Reconnecting to the server' };
  }
  if (!snapshot.synced) return { text: 'Connecting', tone: 'busy', hint: 'Catching up with the room' };
  if (role === 'observer') return { text: 'Read only', tone: 'quiet', hint: 'Observers read the draft' };
  if (snapshot.pending) return { text: 'Saving…', tone: 'busy', hint: 'Waiting for the server to store your changes' };
  return { text: 'All changes saved', tone: 'quiet', hint: 'The server has stored every change you made' };
}

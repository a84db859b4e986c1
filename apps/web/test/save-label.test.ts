import { describe, expect, it } from 'vitest';
import type { ConnectionSnapshot } from '../src/collab/room-connection.js';
import { saveLabel } from '../src/room/save-label.js';
import { connectionSnapshot } from './connection-snapshot-fixture.js';

function snapshot(changes: Partial<ConnectionSnapshot> = {}): ConnectionSnapshot {
  return connectionSnapshot(changes);
}

describe('the save indicator', () => {
  it('says "All changes saved" only when the server has stored everything', () => {
    expect(saveLabel(snapshot({}), 'delegate').text).toBe('All changes saved');
    expect(saveLabel(snapshot({ pending: true }), 'delegate').text).toBe('Saving…');
  });

  it('promises offline edits are kept on this device only once the browser holds them', () => {
    const offline = { phase: 'offline', pending: true } as const;
    expect(saveLabel(snapshot({ ...offline, kept: 'storing' }), 'delegate')).toMatchObject({
      text: 'Offline: keeping changes on this device…',
      tone: 'busy',
    });
    expect(saveLabel(snapshot({ ...offline, kept: 'stored' }), 'delegate')).toMatchObject({
      text: 'Offline: changes kept on this device',
      tone: 'warning',
    });
    expect(saveLabel(snapshot({ ...offline, kept: 'unavailable' }), 'delegate')).toMatchObject({
      text: 'Offline: changes kept in this tab only',
      tone: 'error',
    });
  });

  it('says plainly "Offline" when nothing is waiting to be sent', () => {
    expect(saveLabel(snapshot({ phase: 'offline', kept: 'storing' }), 'delegate').text).toBe('Offline');
  });
});

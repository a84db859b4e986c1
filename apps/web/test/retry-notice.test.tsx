import { CloseCode } from '@plenary/protocol';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { retryNoticeFromCloseCode, TOO_SLOW } from '../src/collab/retry-notice.js';
import type { ConnectionSnapshot } from '../src/collab/room-connection.js';
import { ConnectionNotice } from '../src/room/ConnectionNotice.js';
import { connectionSnapshot } from './connection-snapshot-fixture.js';

function snapshot(changes: Partial<ConnectionSnapshot>): ConnectionSnapshot {
  return connectionSnapshot({ phase: 'offline', synced: false, ...changes });
}

describe('the notice of a connection being retried', () => {
  it('says the connection was too slow after 4513, and nothing of its own for other retryable codes', () => {
    expect(retryNoticeFromCloseCode(CloseCode.sendBufferFull)).toBe(TOO_SLOW);
    for (const code of [CloseCode.unavailable, CloseCode.rateLimited, CloseCode.restarting, 1006]) {
      expect(retryNoticeFromCloseCode(code)).toBeNull();
    }
  });

  it('shows why while offline, and the plain offline banner otherwise', () => {
    const slow = renderToStaticMarkup(<ConnectionNotice snapshot={snapshot({ retry: TOO_SLOW })} />);
    expect(slow).toContain('data-problem="too-slow"');
    expect(slow).toContain('The connection could not keep up with the room.');
    expect(slow).toContain('Reconnecting');
    const plain = renderToStaticMarkup(<ConnectionNotice snapshot={snapshot({})} />);
    expect(plain).toContain('data-problem="offline"');
    expect(renderToStaticMarkup(<ConnectionNotice snapshot={snapshot({ phase: 'online', retry: TOO_SLOW })} />)).toBe(
      '',
    );
  });
});

import { CloseCode } from '@plenary/protocol';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { useChairedRoom } from '../support/chaired-room.js';
import { connectRaw, whenClosed } from '../support/raw-socket.js';

const ROOM = 'expiring-room';

describe('a token expiring while its connection is open', () => {
  const ctx = useChairedRoom(ROOM);

  it('closes that connection with 4401 "token expired" and leaves the others open', async () => {
    const sockets: WebSocket[] = [];
    try {
      const shortLived = await ctx.server.token(ROOM, 'Kenya', 'delegate', { ttlSeconds: 2 });
      const lasting = await ctx.server.token(ROOM, 'France');
      expect(await connectRaw(`${ctx.server.wsUrl}/${ROOM}?token=${shortLived}`, sockets)).toBe('open');
      expect(await connectRaw(`${ctx.server.wsUrl}/${ROOM}?token=${lasting}`, sockets)).toBe('open');
      const [expiring, staying] = sockets as [WebSocket, WebSocket];
      const closed = await whenClosed(expiring);
      expect(closed).toEqual({ code: CloseCode.unauthorized, reason: 'token expired' });
      expect(staying.readyState).toBe(staying.OPEN);
      // The expired token no longer opens the room.
      expect(await ctx.upgradeStatus(shortLived)).toBe(401);
    } finally {
      for (const socket of sockets) socket.terminate();
    }
  });
});

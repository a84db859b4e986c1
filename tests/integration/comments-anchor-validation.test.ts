import { encodeAnchorPosition } from '@plenary/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { callApi, createRoom, errorCode } from '../support/api.js';
import { clauseIds, postThread, spanAnchor } from '../support/comments.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ROOM = 'comments-anchors';

/** A well-formed position, but in a document's top-level type rather than a clause's text. */
function topLevelPosition(): string {
  const doc = new Y.Doc();
  const text = doc.getText('elsewhere');
  text.insert(0, 'words');
  // At the end of a top-level text the position names the type itself (`tname`).
  const encoded = encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, text.length));
  doc.destroy();
  return encoded;
}

describe('comment anchors checked by the server', () => {
  let server: TestServer;
  let ghana: string;
  let clause: string;

  beforeEach(async () => {
    server = await startTestServer();
    await createRoom(server, ROOM);
    clause = (await clauseIds(server, ROOM))[0] as string;
    ghana = await server.token(ROOM, 'Ghana');
  });
  afterEach(async () => {
    await server.stop();
  });

  it('refuses each malformed anchor with a clear 400, stores nothing and keeps serving', async () => {
    const span = await spanAnchor(server, ROOM, clause, 0, 5);
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ['a clause not in the draft', { clauseId: 'gone-clause' }, 'unknown_clause', /no clause with id "gone-clause"/],
      [
        'trailing bytes after a position',
        { ...span, start: `${span.start}AAAA` },
        'invalid_request',
        /start: not an encoded Yjs relative position/,
      ],
      ['a position that is not base64', { ...span, end: '%%%%' }, 'invalid_request', /end: not an encoded Yjs/],
      [
        "a position outside any clause's text",
        { ...span, start: topLevelPosition() },
        'invalid_request',
        /start: not a position in the text of a clause/,
      ],
      [
        'an over-long position',
        { ...span, end: 'A'.repeat(600) },
        'invalid_request',
        /end: an encoded position is at most 512 characters/,
      ],
      [
        'an over-long quote',
        { ...span, quote: 'q'.repeat(2_001) },
        'invalid_request',
        /quote: a quote is at most 2,000 characters/,
      ],
      ['a start without an end', { ...span, end: null }, 'invalid_request', /a span needs both start and end/],
    ];
    for (const [name, anchor, code, message] of cases) {
      const answer = await postThread(server, ROOM, ghana, { clauseId: clause, body: 'ok', ...anchor });
      expect([answer.status, errorCode(answer)], name).toEqual([400, code]);
      expect((answer.body as { error: { message: string } }).error.message, name).toMatch(message);
    }
    expect((await callApi(server, 'GET', `rooms/${ROOM}/comments`, ghana)).body).toEqual({ threads: [] });
    expect((await fetch(`${server.httpUrl}/healthz`)).status).toBe(200);
    expect((await postThread(server, ROOM, ghana, { ...span, body: 'A good anchor' })).status).toBe(201);
  });
});

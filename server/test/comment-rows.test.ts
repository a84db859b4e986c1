import { describe, expect, it } from 'vitest';
import type { CommentMessageRecord } from '../src/storage/comment-records.js';
import {
  MESSAGE_COLUMNS,
  messageRow,
  THREAD_COLUMNS,
  threadRow,
  toCommentMessage,
} from '../src/storage/comment-rows.js';

const message: CommentMessageRecord = {
  room: 'r1',
  threadId: 't1',
  id: 'm1',
  delegation: 'Peru',
  person: 'p-pe',
  name: 'Ms. Quispe',
  body: 'See @Chile',
  mentions: ['Chile'],
  createdAt: 1_700_000_000_000,
  editedAt: null,
  deleted: false,
};

describe('comment rows', () => {
  it('reads a message back from the row it was written as', () => {
    expect(toCommentMessage(messageRow(message))).toEqual(message);
  });

  it('reads `deleted` as SQLite stores it (0 or 1) and as PostgreSQL does (a boolean)', () => {
    const row = messageRow(message);
    expect(toCommentMessage({ ...row, deleted: 1 }).deleted).toBe(true);
    expect(toCommentMessage({ ...row, deleted: 0 }).deleted).toBe(false);
    expect(toCommentMessage({ ...row, deleted: true }).deleted).toBe(true);
  });

  it('drops stored mentions that are not names, and reads a non-array as none', () => {
    const row = messageRow(message);
    expect(toCommentMessage({ ...row, mentions: '["Chile", 3, null, "Peru"]' }).mentions).toEqual(['Chile', 'Peru']);
    expect(toCommentMessage({ ...row, mentions: '{"Chile": true}' }).mentions).toEqual([]);
  });

  it('names every column of a row, each once', () => {
    const thread = threadRow({
      room: 'r1',
      id: 't1',
      clauseId: 'op-1',
      start: null,
      end: null,
      quote: null,
      visibility: 'room',
      delegation: 'Peru',
      person: null,
      status: 'open',
      statusBy: null,
      createdAt: 1,
      updatedAt: 1,
    });
    expect([...THREAD_COLUMNS].sort()).toEqual(Object.keys(thread).sort());
    expect([...MESSAGE_COLUMNS].sort()).toEqual(Object.keys(messageRow(message)).sort());
  });
});

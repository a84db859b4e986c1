import type { CommentMessage } from '@plenary/protocol';
import { describe, expect, it } from 'vitest';
import { isOwnMessage, mayComment } from '../src/comment-rules.js';

function message(delegation: string, person: string | null): Pick<CommentMessage, 'delegation' | 'person'> {
  return { delegation, person };
}

describe('whose comment message it is', () => {
  it('treats a message as own for the same delegation and the same person', () => {
    expect(isOwnMessage({ delegation: 'Ghana', person: 'amina' }, message('Ghana', 'amina'))).toBe(true);
  });

  it("treats a delegation's unnamed messages as owned by its unnamed tokens", () => {
    expect(isOwnMessage({ delegation: 'Ghana', person: null }, message('Ghana', null))).toBe(true);
    expect(isOwnMessage({ delegation: 'Ghana', person: null }, { delegation: 'Ghana' })).toBe(true);
    expect(isOwnMessage({ delegation: 'Peru', person: null }, message('Ghana', null))).toBe(false);
  });

  it('never mixes named and unnamed authors', () => {
    expect(isOwnMessage({ delegation: 'Ghana', person: null }, message('Ghana', 'amina'))).toBe(false);
    expect(isOwnMessage({ delegation: 'Ghana', person: 'amina' }, message('Ghana', null))).toBe(false);
    expect(isOwnMessage({ delegation: 'Ghana', person: 'amina' }, { delegation: 'Ghana' })).toBe(false);
  });

  it('never treats a message as own for another person or another delegation', () => {
    expect(isOwnMessage({ delegation: 'Ghana', person: 'amina' }, message('Ghana', 'kofi'))).toBe(false);
    expect(isOwnMessage({ delegation: 'Ghana', person: 'amina' }, message('Peru', 'amina'))).toBe(false);
  });
});

describe('who may comment', () => {
  it('lets delegates and chairs comment whatever the setting', () => {
    expect(mayComment({ role: 'delegate' }, false)).toBe(true);
    expect(mayComment({ role: 'chair' }, false)).toBe(true);
  });

  it('lets observers comment only when the room allows it', () => {
    expect(mayComment({ role: 'observer' }, false)).toBe(false);
    expect(mayComment({ role: 'observer' }, true)).toBe(true);
  });
});

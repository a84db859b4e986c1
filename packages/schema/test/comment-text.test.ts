import { cleanCommentBody, commentSegments, mentionsDelegation, parseMentions } from '@plenary/schema';
import { describe, expect, it } from 'vitest';

describe('comment text', () => {
  it('keeps line breaks and drops other control characters', () => {
    expect(cleanCommentBody('  one\r\ntwo\u0000\u0007\rthree\u2028 ')).toBe('one\ntwo\nthree');
  });

  it('parses mentions of delegations, with brackets for names with spaces', () => {
    expect(parseMentions('@France and @[G77 and China], thanks @france. Mail a@b')).toEqual([
      'France',
      'G77 and China',
    ]);
    expect(mentionsDelegation(['G77 and China'], 'g77 AND china')).toBe(true);
  });

  it('makes links only of allowlisted schemes and leaves hostile text as text', () => {
    const segments = commentSegments(
      'See https://example.org/a?b=1. <script>alert(1)</script> javascript:alert(2) mailto:x@y.org @Peru',
    );
    expect(segments).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' },
      { kind: 'text', text: '. <script>alert(1)</script> javascript:alert(2) ' },
      { kind: 'link', text: 'mailto:x@y.org', href: 'mailto:x@y.org' },
      { kind: 'text', text: ' ' },
      { kind: 'mention', text: '@Peru', delegation: 'Peru' },
    ]);
  });
});

import { cleanCommentBody, decodeAnchorPosition, ID_PATTERN, MAX_COMMENT_LENGTH } from '@plenary/schema';
import { z } from 'zod';
import { HttpError } from '../errors.js';

/** Longest quoted span kept with a thread. */
export const MAX_QUOTE_LENGTH = 2_000;
/** Longest encoded relative position accepted (they are a few dozen bytes). */
const MAX_POSITION_LENGTH = 512;

/**
 * Reads a comment body: cleaned to plain text (`cleanCommentBody`), then refused with a clear
 * 400 when empty (`empty_comment`) or longer than `MAX_COMMENT_LENGTH` (`comment_too_long`).
 */
export function readCommentBody(value: string): string {
  const body = cleanCommentBody(value);
  if (body.length === 0) throw new HttpError(400, 'empty_comment', 'a comment cannot be empty');
  if (body.length > MAX_COMMENT_LENGTH) {
    throw new HttpError(
      400,
      'comment_too_long',
      `a comment is limited to ${MAX_COMMENT_LENGTH.toLocaleString('en')} characters; this one has ${body.length.toLocaleString('en')}`,
    );
  }
  return body;
}

const position = z
  .string()
  .max(MAX_POSITION_LENGTH)
  .refine((value) => decodeAnchorPosition(value) !== null, 'not an encoded Yjs relative position');

export const NewThreadSchema = z
  .object({
    clauseId: z.string().regex(ID_PATTERN, 'not a clause id'),
    start: position.nullable().default(null),
    end: position.nullable().default(null),
    quote: z.string().max(MAX_QUOTE_LENGTH).nullable().default(null),
    visibility: z.enum(['room', 'delegation']).default('room'),
    // Checked by readCommentBody, which gives the clearer message for an over-long body.
    body: z.string().max(MAX_COMMENT_LENGTH * 4),
  })
  .strict()
  .refine((v) => (v.start === null) === (v.end === null), { message: 'a span needs both start and end', path: ['end'] })
  .refine((v) => v.start === null || (v.quote !== null && cleanCommentBody(v.quote).length > 0), {
    message: 'a span needs the quoted words',
    path: ['quote'],
  });

export const MessageBodySchema = z.object({ body: z.string().max(MAX_COMMENT_LENGTH * 4) }).strict();

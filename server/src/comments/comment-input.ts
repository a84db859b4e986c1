import {
  cleanCommentBody,
  decodeAnchorPosition,
  encodeAnchorPosition,
  ID_PATTERN,
  MAX_COMMENT_LENGTH,
} from '@plenary/schema';
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

/**
 * Whether `value` is exactly one encoded Yjs relative position: it decodes, and encoding the
 * result gives `value` back, so trailing bytes or a non-canonical encoding are refused rather
 * than silently cut off.
 */
function isEncodedPosition(value: string): boolean {
  const decoded = decodeAnchorPosition(value);
  return decoded !== null && encodeAnchorPosition(decoded) === value;
}

/**
 * An anchor's start or end. The server cannot resolve it against the draft (the words may have
 * been typed a moment ago and not reached it yet), so it checks the shape: a canonical encoding
 * of a position inside a text (an item or a type id), never a document's top-level type, which
 * no clause text is.
 */
const position = z
  .string()
  .max(MAX_POSITION_LENGTH, `an encoded position is at most ${MAX_POSITION_LENGTH} characters`)
  .refine(isEncodedPosition, 'not an encoded Yjs relative position')
  .refine((value) => decodeAnchorPosition(value)?.tname === null, 'not a position in the text of a clause');

export const NewThreadSchema = z
  .object({
    clauseId: z.string().regex(ID_PATTERN, 'not a clause id'),
    start: position.nullable().default(null),
    end: position.nullable().default(null),
    quote: z
      .string()
      .max(MAX_QUOTE_LENGTH, `a quote is at most ${MAX_QUOTE_LENGTH.toLocaleString('en')} characters`)
      .nullable()
      .default(null),
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

import { createHash } from 'node:crypto';
import type { NodeJSON } from '@plenary/schema';
import { type ExportContext, isoSecond } from './context.js';
import { cleanText } from './xml-text.js';

/** Format tag of the JSON export. */
export const JSON_EXPORT_FORMAT = 'plenary-draft';
/** Version of the JSON export's shape; bump on an incompatible change. */
export const JSON_EXPORT_VERSION = 1;

/**
 * One revision in a JSON export's `revisions` chain: what its hash covers (the document as
 * issued, label, issue time, previous hash) and the hash itself.
 */
export interface ChainEntry {
  readonly id: string;
  readonly label: string;
  /** ISO 8601 with milliseconds. */
  readonly issuedAt: string;
  readonly prevHash: string | null;
  readonly hash: string;
  readonly document: NodeJSON;
}

/** Deep copy of a JSON value with every string cleaned (`cleanText`) and keys in sorted order. */
function canonical(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort())
      out[cleanText(key)] = canonical((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** The sha256 (hex) of a schema document's canonical JSON, as the JSON export records it. */
export function documentHash(document: NodeJSON): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(document)))
    .digest('hex');
}

/**
 * Writes `{ format, version, room, date, document, sha256 }`: the schema document (the
 * repaired copy the other exporters read, keys sorted, strings cleaned) with the room record
 * and the sha256 of the document's canonical JSON, so a recipient can check the text. The
 * export of a revision adds `revisions`: the chain up to it, each entry with the document it
 * was issued with (unchanged, so its hash can be recomputed) and its tamper-evidence hash.
 */
export function writeJson(ctx: ExportContext): string {
  const document = canonical(ctx.json) as NodeJSON;
  return `${JSON.stringify(
    {
      format: JSON_EXPORT_FORMAT,
      version: JSON_EXPORT_VERSION,
      room: ctx.room,
      revision: ctx.revision,
      date: isoSecond(ctx.date),
      document,
      sha256: documentHash(document),
      ...(ctx.chain ? { revisions: ctx.chain } : {}),
    },
    null,
    2,
  )}\n`;
}

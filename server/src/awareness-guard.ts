import * as decoding from 'lib0/decoding';
import type { Limits } from './config.js';
import { MalformedMessageError, TooLargeError } from './errors.js';

/** One entry of an awareness update, decoded without applying it. */
export interface AwarenessEntry {
  readonly clientId: number;
  readonly clock: number;
  readonly json: string;
}

/**
 * Nesting depth of a JSON text, counted without parsing it (so a hostile text cannot overflow
 * the stack). Brackets inside strings are skipped.
 */
export function jsonDepth(json: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return max;
}

/**
 * Decodes an awareness update and checks every state against the limits before anything is
 * applied. Throws `MalformedMessageError` for undecodable bytes or invalid JSON and
 * `TooLargeError` for a state over the size or depth limit.
 */
export function readAwarenessUpdate(update: Uint8Array, limits: Limits): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const entries: AwarenessEntry[] = [];
  try {
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      entries.push({ clientId, clock, json });
    }
  } catch {
    throw new MalformedMessageError('malformed awareness update');
  }
  for (const entry of entries) {
    // The limit is in UTF-8 bytes, as sent; `json.length` counts UTF-16 units and lets
    // multi-byte text through at up to three times the limit.
    if (Buffer.byteLength(entry.json, 'utf8') > limits.maxAwarenessBytes) {
      throw new TooLargeError('awareness state over size limit');
    }
    if (jsonDepth(entry.json) > limits.maxAwarenessDepth) throw new TooLargeError('awareness state nested too deeply');
    try {
      JSON.parse(entry.json);
    } catch {
      throw new MalformedMessageError('awareness state is not JSON');
    }
  }
  return entries;
}

/**
 * The websocket URL query parameter by which a client names the document schema version it
 * was built with (`/collab/<room>?schema=1`). A client whose version is older than the room's
 * opens the room read-only, so that it never writes a document it cannot fully read
 * (docs/PROTOCOL.md). Stock clients send none and are taken to be current.
 */
export const SCHEMA_PARAM = 'schema';

/** What a `schema` parameter says: absent, a version, or not a version at all. */
export type SchemaParam =
  | { readonly kind: 'absent' }
  | { readonly kind: 'version'; readonly version: number }
  | { readonly kind: 'invalid' };

/** Reads a `schema` parameter: a positive decimal integer of at most six digits, or absent. */
export function parseSchemaParam(value: string | null): SchemaParam {
  if (value === null) return { kind: 'absent' };
  if (!/^[1-9][0-9]{0,5}$/.test(value)) return { kind: 'invalid' };
  return { kind: 'version', version: Number(value) };
}

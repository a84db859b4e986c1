/** A mark in ProseMirror JSON form (`Mark.toJSON`). */
export interface MarkJSON {
  readonly type: string;
  readonly attrs?: Readonly<Record<string, unknown>>;
}

/** A node in ProseMirror JSON form (`Node.toJSON`), as templates and exporters exchange it. */
export interface NodeJSON {
  readonly type: string;
  readonly attrs?: Readonly<Record<string, unknown>>;
  readonly content?: readonly NodeJSON[];
  readonly marks?: readonly MarkJSON[];
  readonly text?: string;
}

/** A plain object view of an untrusted value, or `null` when it is not an object. */
export function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** The `content` array of an untrusted node, or `[]`. */
export function childrenOf(value: Record<string, unknown>): readonly unknown[] {
  return Array.isArray(value.content) ? value.content : [];
}

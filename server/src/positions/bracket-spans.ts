import { DRAFT_FRAGMENT, markNameOfKey, readId } from '@plenary/schema';
import type * as Y from 'yjs';
import { textsUnder } from '../suggestions/suggestion-marks.js';

/** One stretch of a text under a bracket mark, with the formatting key y-prosemirror stored it under. */
export interface BracketSpan {
  readonly target: Y.XmlText;
  readonly offset: number;
  readonly length: number;
  /** `bracket` or a hashed `bracket--…` key (nested brackets). */
  readonly key: string;
  readonly text: string;
}

interface DeltaOp {
  readonly insert?: unknown;
  readonly attributes?: Record<string, unknown>;
}

/** Every stretch of the live draft under the bracket mark `id`, in document order. */
export function bracketSpans(doc: Y.Doc, id: string): BracketSpan[] {
  const spans: BracketSpan[] = [];
  for (const target of textsUnder(doc.getXmlFragment(DRAFT_FRAGMENT))) {
    let offset = 0;
    for (const op of target.toDelta() as DeltaOp[]) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      for (const [key, value] of Object.entries(op.attributes ?? {})) {
        if (markNameOfKey(key) !== 'bracket') continue;
        if (readId((value as { id?: unknown } | null)?.id) !== id) continue;
        spans.push({ target, offset, length, key, text: typeof op.insert === 'string' ? op.insert : '' });
      }
      offset += length;
    }
  }
  return spans;
}

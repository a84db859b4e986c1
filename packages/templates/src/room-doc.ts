import { DRAFT_FRAGMENT } from '@plenary/schema';
import { prosemirrorToYXmlFragment } from 'y-prosemirror';
import * as Y from 'yjs';
import { type InstantiateOptions, instantiateTemplate } from './instantiate.js';
import { requireTemplate } from './registry.js';
import type { Template } from './types.js';

/** Thrown by {@link fillDraft} when the draft already has content: templates seed a room once. */
export class DraftNotEmptyError extends Error {
  override readonly name = 'DraftNotEmptyError';
  constructor() {
    super(`the ${JSON.stringify(DRAFT_FRAGMENT)} fragment already has content`);
  }
}

/** Options of {@link fillDraft} and {@link createRoomDoc}. */
export interface FillDraftOptions extends InstantiateOptions {
  /** Transaction origin of the write (for the server's provenance log). */
  readonly origin?: unknown;
}

/**
 * Writes a template (or template id) into `ydoc`'s `draft` fragment, with fresh ids, in one
 * transaction. Throws {@link DraftNotEmptyError} when the draft already has content and
 * `UnknownTemplateError` for an unknown id. Other top-level types are left alone.
 */
export function fillDraft(ydoc: Y.Doc, template: Template | string, options: FillDraftOptions = {}): void {
  const resolved = typeof template === 'string' ? requireTemplate(template) : template;
  const fragment = ydoc.getXmlFragment(DRAFT_FRAGMENT);
  if (fragment.length > 0) throw new DraftNotEmptyError();
  const doc = instantiateTemplate(resolved, options);
  ydoc.transact(() => {
    prosemirrorToYXmlFragment(doc, fragment);
  }, options.origin ?? null);
}

/** A new Y.Doc holding a room's initial draft from a template (see {@link fillDraft}). */
export function createRoomDoc(template: Template | string, options: FillDraftOptions = {}): Y.Doc {
  const ydoc = new Y.Doc();
  fillDraft(ydoc, template, options);
  return ydoc;
}

import type { CriterionTag, NodeJSON } from '@plenary/schema';

/** Whether a template is one norm to insert into a draft, or a whole document to start from. */
export type TemplateKind = 'norm' | 'document';

/**
 * A source a template draws on. Seed documents are cited by file and title; other instruments
 * by title only (never quoted or given paragraph numbers from memory).
 */
export interface TemplateSource {
  readonly title: string;
  /** The seed file in `seeds/`, when the source is one of them. */
  readonly file?: string;
}

/** A template: metadata plus a complete, schema-valid draft as ProseMirror JSON. */
export interface Template {
  /** Stable id (`[a-z0-9-]+`), used by `POST /api/rooms` and the lobby. */
  readonly id: string;
  readonly title: string;
  /** One or two sentences for the lobby and the template picker. */
  readonly summary: string;
  readonly kind: TemplateKind;
  /** The criteria the template addresses (for norms: exactly the tags on its clauses). */
  readonly tags: readonly CriterionTag[];
  readonly sources: readonly TemplateSource[];
  /** A `doc` node; placeholders mark what a delegation fills in. Ids are template-local. */
  readonly content: NodeJSON;
}

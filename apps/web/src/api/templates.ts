import { type CriterionTag, isCriterionTag } from '@plenary/schema';
import { requestJson } from './http.js';

/** A template as the gallery lists it (`GET /api/templates`: everything but the content). */
export interface TemplateSummary {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly kind: 'norm' | 'document';
  readonly tags: readonly CriterionTag[];
}

function readSummary(value: unknown): TemplateSummary | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || typeof v.title !== 'string') return null;
  return {
    id: v.id,
    title: v.title,
    summary: typeof v.summary === 'string' ? v.summary : '',
    kind: v.kind === 'document' ? 'document' : 'norm',
    tags: Array.isArray(v.tags) ? v.tags.filter(isCriterionTag) : [],
  };
}

/** The templates the server can seed a room from, in the server's order. */
export async function fetchTemplates(): Promise<TemplateSummary[]> {
  const body = await requestJson('/api/templates');
  const list = typeof body === 'object' && body !== null ? (body as { templates?: unknown }).templates : null;
  if (!Array.isArray(list)) return [];
  return list.map(readSummary).filter((t): t is TemplateSummary => t !== null);
}

import { CRITERIA_TAGS, lintDocument, listClauses, schema } from '@plenary/schema';
import {
  BLANK_TEMPLATE_ID,
  criteriaCoverage,
  getTemplate,
  listTemplates,
  requireTemplate,
  UnknownTemplateError,
} from '@plenary/templates';
import { describe, expect, it } from 'vitest';

const templates = listTemplates();

describe('templates', () => {
  it('offers at least twelve templates with unique ids, including the blank draft', () => {
    expect(templates.length).toBeGreaterThanOrEqual(12);
    expect(new Set(templates.map((t) => t.id)).size).toBe(templates.length);
    expect(getTemplate(BLANK_TEMPLATE_ID)?.kind).toBe('document');
    expect(getTemplate('nope')).toBeUndefined();
    expect(() => requireTemplate('nope')).toThrow(UnknownTemplateError);
  });

  it.each(templates.map((t) => [t.id, t] as const))('%s validates against the schema', (_id, template) => {
    const node = schema.nodeFromJSON(template.content);
    expect(() => node.check()).not.toThrow();
    expect(node.toJSON()).toEqual(template.content);
  });

  it.each(templates.map((t) => [t.id, t] as const))('%s lints clean apart from its placeholders', (_id, template) => {
    const findings = lintDocument(schema.nodeFromJSON(template.content));
    expect(findings.filter((f) => f.code !== 'placeholder-unfilled')).toEqual([]);
  });

  it.each(templates.map((t) => [t.id, t] as const))('%s has tags, sources, a title and a summary', (_id, template) => {
    expect(template.tags.length).toBeGreaterThan(0);
    expect(template.sources.length).toBeGreaterThan(0);
    expect(template.title.length).toBeGreaterThan(0);
    expect(template.summary.length).toBeGreaterThan(0);
    for (const tag of template.tags) expect(CRITERIA_TAGS).toContain(tag);
    // Sources cite the seed documents by file; everything else by title only.
    expect(template.sources.some((s) => s.file?.endsWith('.txt'))).toBe(true);
  });

  it('uses placeholders, never square brackets, for what a delegation fills in', () => {
    for (const template of templates) {
      expect(schema.nodeFromJSON(template.content).textContent).not.toMatch(/[[\]⟨⟩]/);
    }
    expect(templates.filter((t) => JSON.stringify(t.content).includes('"placeholder"')).length).toBeGreaterThan(10);
  });

  it('gives every clause a unique id', () => {
    for (const template of templates) {
      const ids = listClauses(schema.nodeFromJSON(template.content)).map((c) => c.id);
      expect(ids.every((id) => id !== null)).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('covers every criteria tag with the norm templates, each tagged as its clauses', () => {
    const norms = templates.filter((t) => t.kind === 'norm');
    const covered = new Set(norms.flatMap((t) => t.tags));
    expect([...CRITERIA_TAGS].filter((tag) => !covered.has(tag))).toEqual([]);
    for (const norm of norms) {
      const coverage = criteriaCoverage(schema.nodeFromJSON(norm.content));
      expect([...coverage.covered].sort()).toEqual([...norm.tags].sort());
    }
  });

  it('has the document templates the drafting rooms start from', () => {
    const ids = templates.filter((t) => t.kind === 'document').map((t) => t.id);
    expect(ids).toEqual(
      expect.arrayContaining(['draft-resolution', 'working-group-recommendations', 'chairs-summary', 'blank']),
    );
  });
});

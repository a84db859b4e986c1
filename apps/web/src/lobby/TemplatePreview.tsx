import { useMemo } from 'react';
import type { TemplateSummary } from '../api/templates.js';
import { templateOutline } from './template-outline.js';

/** The selected template as it will read in the new room. */
export function TemplatePreview({ template }: { template: TemplateSummary }) {
  const lines = useMemo(() => templateOutline(template.id), [template.id]);
  return (
    <section className="template-preview" aria-label={`Preview of ${template.title}`}>
      <h3>{template.title}</h3>
      {lines.length === 0 ? (
        <p className="muted">An empty draft: a preamble and an operative part to fill.</p>
      ) : (
        <ol className="outline">
          {lines.map((line, index) =>
            line.kind === 'heading' ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: a static preview, never reordered
              <li key={index} className="outline-heading">
                {line.text}
              </li>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: a static preview, never reordered
              <li key={index} className={`outline-clause level-${line.level}`}>
                <span className="outline-label">{line.label}</span>
                <span className="outline-text">{line.text}</span>
              </li>
            ),
          )}
        </ol>
      )}
    </section>
  );
}

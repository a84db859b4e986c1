import { useMemo } from 'react';
import '../editor/placeholder.css';
import type { TemplateSummary } from '../api/templates.js';
import { type OutlineSegment, templateOutline } from './template-outline.js';

/** A line's text with its blanks shown as blanks (⟨State⟩), as the editor shows them. */
function LineText({ segments }: { segments: readonly OutlineSegment[] }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.placeholder === undefined ? (
          segment.text
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: a static preview, never reordered
          <span key={index} className="placeholder" title={`To fill in: ${segment.placeholder}`}>
            {segment.text}
          </span>
        ),
      )}
    </>
  );
}

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
                <LineText segments={line.segments} />
              </li>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: a static preview, never reordered
              <li key={index} className={`outline-clause level-${line.level}`}>
                <span className="outline-label">{line.label}</span>
                <span className="outline-text">
                  <LineText segments={line.segments} />
                </span>
              </li>
            ),
          )}
        </ol>
      )}
    </section>
  );
}

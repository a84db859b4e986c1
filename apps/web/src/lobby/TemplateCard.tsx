import { CRITERIA_LABELS } from '@plenary/schema';
import type { TemplateSummary } from '../api/templates.js';

interface TemplateCardProps {
  readonly template: TemplateSummary;
  readonly selected: boolean;
  readonly onSelect: () => void;
}

/** One template in the gallery: title, summary and the criteria it addresses. */
export function TemplateCard({ template, selected, onSelect }: TemplateCardProps) {
  return (
    <button
      type="button"
      className={`template-card${selected ? ' selected' : ''}`}
      aria-pressed={selected}
      data-template={template.id}
      onClick={onSelect}
    >
      <span className="template-kind">{template.kind === 'norm' ? 'Norm' : 'Document'}</span>
      <span className="template-title">{template.title}</span>
      <span className="template-summary">{template.summary}</span>
      {template.tags.length > 0 && (
        <span className="tags">
          {template.tags.map((tag) => (
            <span key={tag} className="tag">
              {CRITERIA_LABELS[tag]}
            </span>
          ))}
        </span>
      )}
    </button>
  );
}

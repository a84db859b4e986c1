import type { TemplateSummary } from '../api/templates.js';
import { TemplateCard } from './TemplateCard.js';

interface TemplateGalleryProps {
  readonly templates: readonly TemplateSummary[];
  readonly selected: string | null;
  readonly onSelect: (id: string) => void;
}

/** The templates to start a draft from. */
export function TemplateGallery({ templates, selected, onSelect }: TemplateGalleryProps) {
  return (
    <fieldset className="template-gallery">
      <legend className="visually-hidden">Templates</legend>
      {templates.map((template) => (
        <TemplateCard
          key={template.id}
          template={template}
          selected={template.id === selected}
          onSelect={() => onSelect(template.id)}
        />
      ))}
    </fieldset>
  );
}

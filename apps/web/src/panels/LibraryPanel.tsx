import { CRITERIA_LABELS, CRITERIA_TAGS, type CriterionTag } from '@plenary/schema';
import { listTemplates, type Template } from '@plenary/templates';
import type { EditorView } from 'prosemirror-view';
import { useState } from 'react';
import { insertTemplate } from '../editor/insert-template.js';
import './LibraryPanel.css';

const NORMS: readonly Template[] = listTemplates().filter((t) => t.kind === 'norm');

interface LibraryPanelProps {
  readonly view: EditorView | null;
  /** False while the draft cannot be written (offline, refused): the Insert buttons are disabled. */
  readonly editable: boolean;
  /** True for observers, who never draft: the templates are shown to read, without Insert buttons. */
  readonly readOnly: boolean;
}

/**
 * The template library: norm templates browsed by criterion, each insertable next to the
 * cursor with fresh clause ids (the clauses after it are renumbered). Observers read it only.
 */
export function LibraryPanel({ view, editable, readOnly }: LibraryPanelProps) {
  const [tag, setTag] = useState<CriterionTag | null>(null);
  const [status, setStatus] = useState('');
  const shown = tag ? NORMS.filter((t) => t.tags.includes(tag)) : NORMS;

  const insert = (template: Template) => {
    if (!view) return;
    const done = insertTemplate(template)(view.state, view.dispatch, view);
    setStatus(done ? `Inserted "${template.title}" at the cursor.` : 'Nothing to insert.');
    view.focus();
  };

  return (
    <section className="library" aria-label="Template library">
      <fieldset className="library-filter">
        <legend>Criterion</legend>
        {[null, ...CRITERIA_TAGS].map((option) => (
          <button
            key={option ?? 'all'}
            type="button"
            className="chip"
            aria-pressed={tag === option}
            title={option ? CRITERIA_LABELS[option] : 'All templates'}
            onClick={() => setTag(option)}
          >
            {option ? CRITERIA_LABELS[option] : 'All'}
          </button>
        ))}
      </fieldset>
      <p className="visually-hidden" aria-live="polite">
        {shown.length} templates. {status}
      </p>
      <ul className="library-list">
        {shown.map((template) => (
          <li key={template.id} className="library-item" data-template={template.id}>
            <h3>{template.title}</h3>
            <p>{template.summary}</p>
            <p className="library-tags">{template.tags.map((t) => CRITERIA_LABELS[t]).join(' · ')}</p>
            {!readOnly && (
              <button
                type="button"
                disabled={!editable || !view}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => insert(template)}
                aria-label={`Insert ${template.title} at the cursor`}
              >
                Insert at cursor
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

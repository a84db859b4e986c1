import { useState } from 'react';
import { type NotAppliedText, notAppliedAsText } from '../collab/not-applied.js';

interface NotAppliedPanelProps {
  readonly texts: readonly NotAppliedText[];
  readonly onClose: () => void;
  /**
   * Extension point for suggestions: when given, each clause offers "Re-propose", which hands
   * the text back to be proposed again (as a suggestion, once suggest mode exists).
   */
  readonly onRepropose?: (text: NotAppliedText) => void;
}

/**
 * After the server refused a change (4509) and the room was reopened from the stored draft:
 * the text this browser had that the stored draft lacks, clause by clause, ready to copy.
 */
export function NotAppliedPanel({ texts, onClose, onRepropose }: NotAppliedPanelProps) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(notAppliedAsText(texts));
    setCopied(true);
  };
  return (
    <section className="panel not-applied" aria-labelledby="not-applied-title" data-testid="not-applied">
      <h2 id="not-applied-title">Text not applied</h2>
      <p className="panel-hint">
        The server refused a change from this window, so the room was reopened from the stored draft. This text was not
        applied:
      </p>
      <ul className="not-applied-list">
        {texts.map((t) => (
          <li key={`${t.id ?? ''}:${t.label}`} data-clause={t.label}>
            <span className="clause-tag">{t.label}</span>
            <blockquote className="not-applied-text">{t.missing}</blockquote>
            {onRepropose && (
              <button type="button" onClick={() => onRepropose(t)}>
                Re-propose
              </button>
            )}
          </li>
        ))}
      </ul>
      <div className="panel-actions">
        <button type="button" className="primary" onClick={() => void copy()}>
          Copy text
        </button>
        <button type="button" onClick={onClose}>
          Dismiss
        </button>
        <output aria-live="polite" className="panel-hint">
          {copied ? 'Copied to the clipboard' : ''}
        </output>
      </div>
    </section>
  );
}

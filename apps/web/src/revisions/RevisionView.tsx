import { docFromJSON, schema } from '@plenary/schema';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { useEffect, useRef } from 'react';
import { issuedTime } from './issued-time.js';
import { revisionLabels } from './revision-numbering.js';
import type { RevisionWithDocument } from './revisions-api.js';

interface RevisionViewProps {
  readonly revision: RevisionWithDocument;
  readonly onClose: () => void;
}

/**
 * A revision opened read-only in the room, in place of the live draft: a banner saying which
 * revision it is, when and by whom it was issued, that it cannot be edited, its hash and the way
 * back to the live draft, over the revision's text numbered as it was when issued. The text is
 * a ProseMirror view bound to no document of the room and taking no input: typing changes
 * nothing and nothing is sent.
 */
export function RevisionView({ revision, onClose }: RevisionViewProps) {
  const mount = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const place = mount.current;
    if (!place) return;
    const doc = docFromJSON(revision.document);
    const labels = revisionLabels(doc, revision.numbers);
    const view = new EditorView(place, {
      state: EditorState.create({ schema, doc }),
      editable: () => false,
      decorations: () => labels,
      // No transaction of this view may change its document, whatever a plugin or the browser tries.
      dispatchTransaction(this: EditorView, tr) {
        if (!tr.docChanged) this.updateState(this.state.apply(tr));
      },
      attributes: {
        class: 'draft revision-text',
        'aria-readonly': 'true',
        'aria-label': `${revision.label}, read-only`,
      },
    });
    return () => view.destroy();
  }, [revision]);
  return (
    <div className="revision-view" data-revision={revision.id}>
      <div className="banner banner-warning revision-banner" role="status">
        <p className="revision-banner-title">
          <strong>{revision.label} — read-only</strong>, issued {issuedTime(revision.issuedAt)} by {revision.issuedBy}
        </p>
        <p className="revision-banner-detail">
          A stored revision, not the live draft: nothing typed here is kept or sent. SHA-256{' '}
          <code title={revision.hash}>{revision.hash.slice(0, 16)}…</code>
        </p>
        <button type="button" className="revision-back" onClick={onClose}>
          Back to the live draft
        </button>
      </div>
      <article className="paper revision-paper" aria-label={`${revision.label}, read-only`}>
        <div ref={mount} />
      </article>
    </div>
  );
}

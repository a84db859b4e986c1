import { docFromJSON } from '@plenary/schema';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { useEffect, useRef } from 'react';
import type { RevisionWithDocument } from './revisions-api.js';

interface RevisionViewProps {
  readonly revision: RevisionWithDocument;
  readonly onClose: () => void;
}

/**
 * A revision opened read-only in the room: a banner saying which revision it is, that it cannot
 * be edited, and its hash, over the revision's text in a ProseMirror view that takes no input.
 */
export function RevisionView({ revision, onClose }: RevisionViewProps) {
  const mount = useRef<HTMLElement>(null);
  useEffect(() => {
    const place = mount.current;
    if (!place) return;
    const view = new EditorView(place, {
      state: EditorState.create({ doc: docFromJSON(revision.document) }),
      editable: () => false,
    });
    return () => view.destroy();
  }, [revision]);
  return (
    <div className="revision-view">
      <div className="banner banner-warning revision-banner" role="status" data-revision={revision.id}>
        <strong>Read-only: {revision.label}</strong>, issued {new Date(revision.issuedAt).toUTCString()} by{' '}
        {revision.issuedBy}. This is a stored revision, not the live draft. SHA-256{' '}
        <code title={revision.hash}>{revision.hash.slice(0, 16)}…</code>{' '}
        <button type="button" onClick={onClose}>
          Back to the live draft
        </button>
      </div>
      <article className="paper revision-draft" ref={mount} aria-label={`${revision.label}, read-only`} />
    </div>
  );
}

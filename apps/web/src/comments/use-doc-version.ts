import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/**
 * A number that changes (at most once per animation frame) after `doc` changed, so that views
 * reading the document through the editor re-render once y-prosemirror has caught up.
 */
export function useDocVersion(doc: Y.Doc): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let frame: number | null = null;
    const onUpdate = () => {
      frame ??= requestAnimationFrame(() => {
        frame = null;
        setVersion((v) => v + 1);
      });
    };
    doc.on('update', onUpdate);
    return () => {
      doc.off('update', onUpdate);
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [doc]);
  return version;
}

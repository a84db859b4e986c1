import { useEffect } from 'react';
import type * as Y from 'yjs';
import { touchRoom } from '../local/known-rooms.js';

/** Writes to localStorage at most this often while people type. */
const THROTTLE_MS = 5000;

/** Keeps the lobby's "last change" of `room` current as the draft changes (anyone's change). */
export function useLastChange(room: string, doc: Y.Doc): void {
  useEffect(() => {
    let last = 0;
    let trailing: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = () => {
      const now = Date.now();
      clearTimeout(trailing);
      if (now - last >= THROTTLE_MS) {
        last = now;
        touchRoom(room, now);
      } else {
        trailing = setTimeout(() => {
          last = Date.now();
          touchRoom(room, last);
        }, THROTTLE_MS);
      }
    };
    doc.on('update', onUpdate);
    return () => {
      doc.off('update', onUpdate);
      clearTimeout(trailing);
    };
  }, [room, doc]);
}

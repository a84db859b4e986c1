import type { EditorView } from 'prosemirror-view';
import { useEffect, useState } from 'react';
import { COMMAND_REFUSED_EVENT } from '../editor/command-refusal.js';

/** How long a refusal stays on screen. */
const NOTICE_MS = 6000;

/**
 * Says why the last drafting command could not act ("This is already the first operative
 * paragraph."), from a button or a shortcut, in a polite live region beside the toolbar; it
 * goes after a few seconds or when a command acts.
 */
export function CommandNotice({ view }: { view: EditorView | null }) {
  const [reason, setReason] = useState<string | null>(null);
  useEffect(() => {
    if (!view) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onRefused = (event: Event) => {
      const text = (event as CustomEvent<unknown>).detail;
      setReason(typeof text === 'string' ? text : null);
      clearTimeout(timer);
      timer = setTimeout(() => setReason(null), NOTICE_MS);
    };
    view.dom.addEventListener(COMMAND_REFUSED_EVENT, onRefused);
    return () => {
      clearTimeout(timer);
      view.dom.removeEventListener(COMMAND_REFUSED_EVENT, onRefused);
    };
  }, [view]);
  return (
    <p className="command-notice" role="status" aria-live="polite" data-testid="command-notice">
      {reason}
    </p>
  );
}

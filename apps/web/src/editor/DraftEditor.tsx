import type { ClauseNumber } from '@plenary/schema';
import { EditorView } from 'prosemirror-view';
import { useEffect, useRef } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { SuggestionWriter } from '../suggestions/suggestion-writer.js';
import { announceRefusal } from './command-refusal.js';
import { createDraftState } from './draft-state.js';
import { numberingPluginKey } from './numbering-plugin.js';
import { prepareLocalWrite } from './suggest-mode.js';
import { attachViewHandle } from './view-handle.js';

/** Id of the hint that tells screen-reader users how Tab and Escape behave in the draft. */
const DRAFT_KEYS_HINT = 'draft-keys-hint';

interface DraftEditorProps {
  readonly fragment: Y.XmlFragment;
  readonly awareness: Awareness;
  readonly editable: boolean;
  /** Projection view: follow the chair's clause (see `chairFollowPlugin`). */
  readonly follow?: boolean;
  /** Receives the view once mounted (and `null` when it goes), for toolbars and panels. */
  readonly onView: (view: EditorView | null) => void;
  /**
   * Receives the clause numbers whenever a label changed (locally or remotely); not on typing
   * inside a clause, so the positions in them may lag: read current ones from the view.
   */
  readonly onNumbers: (numbers: readonly ClauseNumber[]) => void;
  /**
   * Who writes here, for suggest mode and the formal-mode rules (see `prepareLocalWrite`);
   * without one (projection) transactions are applied as they come.
   */
  readonly writer?: SuggestionWriter;
}

/**
 * The draft itself: a ProseMirror view bound to the room's Y.Doc. React owns only the mount
 * point; ProseMirror owns everything inside it.
 */
export function DraftEditor({
  fragment,
  awareness,
  editable,
  follow = false,
  onView,
  onNumbers,
  writer,
}: DraftEditorProps) {
  const mount = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const editableRef = useRef(editable);

  useEffect(() => {
    if (!mount.current) return;
    const view = new EditorView(mount.current, {
      state: createDraftState(fragment, awareness, { follow }),
      editable: () => editableRef.current,
      attributes: {
        class: 'draft',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': 'Draft text',
        'aria-describedby': DRAFT_KEYS_HINT,
        spellcheck: 'true',
      },
      // `this` is the view: plugins may dispatch while the constructor runs, before `view` is set.
      dispatchTransaction(this: EditorView, tr) {
        const prepared = writer ? prepareLocalWrite(this.state, tr, writer) : { kind: 'write' as const, tr };
        if (prepared.kind === 'refused') {
          // Nothing is applied or sent; the DOM the browser already changed is drawn again.
          this.updateState(this.state);
          announceRefusal(this, prepared.reason);
          return;
        }
        const before = numberingPluginKey.getState(this.state)?.labelsVersion;
        this.updateState(this.state.apply(prepared.tr));
        const after = numberingPluginKey.getState(this.state);
        // Only a change of labels is passed on: typing inside a clause keeps them (their
        // positions shift), and re-rendering the room on every keystroke costs milliseconds.
        if (after && after.labelsVersion !== before) onNumbers(after.numbers);
      },
    });
    viewRef.current = view;
    const detachHandle = attachViewHandle(view);
    onView(view);
    onNumbers(numberingPluginKey.getState(view.state)?.numbers ?? []);
    return () => {
      onView(null);
      viewRef.current = null;
      detachHandle();
      view.destroy();
    };
  }, [fragment, awareness, follow, onView, onNumbers, writer]);

  useEffect(() => {
    editableRef.current = editable;
    // A view re-reads `editable` only when its props change.
    viewRef.current?.setProps({});
  }, [editable]);

  return (
    <>
      <p id={DRAFT_KEYS_HINT} className="visually-hidden">
        Clause labels are read before each paragraph. Tab selects the next blank to fill in, or indents the clause when
        none is left; Shift+Tab goes back or outdents; Control+] and Control+[ indent and outdent; Alt+N reads the
        clause's drafting notes, and Escape comes back from them; Escape leaves the draft.
      </p>
      <div className="draft-mount" ref={mount} />
    </>
  );
}

import {
  clauseIdPluginKey,
  formalRefusal,
  isChangeOrigin,
  lockRefusal,
  suggestTransaction,
  withoutOthersMarks,
} from '@plenary/schema';
import { type Command, type EditorState, Plugin, PluginKey, type Transaction } from 'prosemirror-state';
import type { SuggestionWriter } from '../suggestions/suggestion-writer.js';
import { isBracketing } from './position-commands.js';

/** Key of the plugin holding whether this editor suggests; its meta switches it. */
export const suggestModeKey = new PluginKey<boolean>('plenary-suggest-mode');

/** Whether the user chose to suggest (delegates in formal mode suggest whatever this says). */
export function isSuggesting(state: EditorState): boolean {
  return suggestModeKey.getState(state) === true;
}

/** The transaction that switches suggest mode on or off. */
export function setSuggesting(state: EditorState, on: boolean): Transaction {
  return state.tr.setMeta(suggestModeKey, on).setMeta('addToHistory', false);
}

/** Switches suggest mode (Ctrl+Shift+E and the toolbar's Suggest button). */
export const toggleSuggesting: Command = (state, dispatch) => {
  dispatch?.(setSuggesting(state, !isSuggesting(state)));
  return true;
};

/** Holds the user's choice to suggest (off at first). */
export function suggestModePlugin(): Plugin {
  return new Plugin<boolean>({
    key: suggestModeKey,
    state: {
      init: () => false,
      apply: (tr, on) => {
        const meta: unknown = tr.getMeta(suggestModeKey);
        return typeof meta === 'boolean' ? meta : on;
      },
    },
  });
}

/** What becomes of a transaction the user made: sent as it is, rewritten as suggestions, or refused. */
export type LocalWrite =
  | { readonly kind: 'write'; readonly tr: Transaction }
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * Prepares a transaction before the editor applies it (docs/ARCHITECTURE.md, "Suggestions"):
 * the user's own edits become suggestions when the user suggests or the room is in formal mode
 * for a delegate, and in formal mode a delegate's transaction that the server would refuse
 * (4509) is refused here, with the reason, so that nothing of it is applied or sent; so is, for
 * anyone but the chair, a write into an agreed clause or a change of status (`lockRefusal`). A
 * direct edit (not suggesting), the chair's as much as a delegate's, takes none of another
 * delegation's suggestion marks: words typed inside a delegation's insertion are the writer's
 * own, plain text splitting the insertion, not words that delegation proposed.
 * Transactions y-prosemirror makes for remote changes and undo, clause-id repairs and those that
 * change no text pass untouched: they are never turned into suggestions.
 */
export function prepareLocalWrite(state: EditorState, tr: Transaction, writer: SuggestionWriter): LocalWrite {
  if (!tr.docChanged || isChangeOrigin(tr) || tr.getMeta(clauseIdPluginKey) !== undefined) return { kind: 'write', tr };
  let out = tr;
  // Bracketing text is a position, not an edit: never a suggestion, allowed in formal mode.
  const bracketing = isBracketing(tr);
  if (!bracketing && (writer.mustSuggest || isSuggesting(state))) {
    const outcome = suggestTransaction(state, tr, writer);
    if (outcome.kind === 'refused') return outcome;
    out = outcome.tr;
  } else if (!bracketing) {
    // A direct edit inside another delegation's suggestion never takes its marks: under its
    // insertion the words would be that delegation's, gone if it is rejected (and the server
    // refuses a delegate's new words there); the chair's words are no delegation's either.
    out = withoutOthersMarks(out, writer.isOwn);
  }
  if (writer.mustSuggest && !bracketing) {
    const reason = formalRefusal(out, writer.isOwn);
    if (reason) return { kind: 'refused', reason };
  }
  if (writer.role !== 'chair') {
    const reason = lockRefusal(out);
    if (reason) return { kind: 'refused', reason };
  }
  return { kind: 'write', tr: out };
}

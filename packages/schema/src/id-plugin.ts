import { Plugin, PluginKey, type Transaction } from 'prosemirror-state';
import { ySyncPluginKey } from 'y-prosemirror';
import { changedWithinOneTextblock } from './changed-range.js';
import { findIdRepairs, type IdRepairOptions, idRepairTransaction } from './id-repair.js';
import { bindingOrderKey, syncPluginState } from './y-order-key.js';

/** Key of the plugin made by {@link clauseIdPlugin}; its meta marks repair transactions. */
export const clauseIdPluginKey = new PluginKey('plenary-clause-ids');

/** True when y-prosemirror dispatched `tr` to render remote (or undo) changes. */
export function isChangeOrigin(tr: Transaction): boolean {
  const meta = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
  return meta?.isChangeOrigin === true;
}

/**
 * Keeps clause ids present and unique.
 *
 * - Local transactions that change the document get an appended transaction fixing duplicates
 *   (a split or pasted clause gets a new id; the copy whose Yjs item sorts first, or else the
 *   first in document order, keeps its id) and missing or malformed ids.
 * - Transactions from y-prosemirror's change origin are never rewritten. When remote changes
 *   leave duplicates (two peers moved the same clause), the plugin view dispatches a separate
 *   local repair after the update; its new ids are derived from Yjs item ids, so peers doing
 *   the same repair concurrently write identical values and converge.
 */
export function clauseIdPlugin(options: IdRepairOptions = {}): Plugin {
  return new Plugin({
    key: clauseIdPluginKey,
    appendTransaction(transactions, _oldState, newState) {
      if (!transactions.some((tr) => tr.docChanged)) return null;
      if (transactions.some(isChangeOrigin)) return null;
      const tr = idRepairTransaction(newState, { ...options, orderKey: bindingOrderKey(newState) });
      return tr ? tr.setMeta(clauseIdPluginKey, 'repair') : null;
    },
    view() {
      let destroyed = false;
      let scheduled = false;
      return {
        update(view, prevState) {
          if (scheduled || view.state.doc === prevState.doc) return;
          if (syncPluginState(view.state)?.isChangeOrigin !== true) return;
          // Typing inside one textblock changes no clause node, so no id can have gone wrong.
          if (changedWithinOneTextblock(prevState.doc, view.state.doc)) return;
          if (findIdRepairs(view.state.doc).length === 0) return;
          scheduled = true;
          // Dispatch outside the update cycle of the remote transaction.
          queueMicrotask(() => {
            scheduled = false;
            if (destroyed) return;
            const orderKey = bindingOrderKey(view.state);
            const tr = idRepairTransaction(view.state, { ...options, orderKey });
            if (tr) view.dispatch(tr.setMeta(clauseIdPluginKey, 'repair'));
          });
        },
        destroy() {
          destroyed = true;
        },
      };
    },
  });
}

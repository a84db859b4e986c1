import { Plugin, PluginKey } from 'prosemirror-state';
import type { Awareness } from 'y-protocols/awareness';
import { CLAUSE_FIELD } from '../collab/presence.js';
import { clauseAt } from './clause-at.js';

const clausePresenceKey = new PluginKey('plenary-clause-presence');

/**
 * Publishes, in awareness, the id of the clause holding this person's cursor (the innermost:
 * "OP 3 (a)" rather than "OP 3"), so the presence list can say who is where.
 */
export function clausePresencePlugin(awareness: Awareness): Plugin {
  return new Plugin({
    key: clausePresenceKey,
    view(view) {
      let published: string | null | undefined;
      const publish = (focused: boolean) => {
        const id = focused ? (clauseAt(view.state.selection.$head)?.node.attrs.id ?? null) : null;
        const clause = typeof id === 'string' ? id : null;
        if (clause === published) return;
        published = clause;
        awareness.setLocalStateField(CLAUSE_FIELD, clause);
      };
      publish(false);
      return {
        update(updated) {
          publish(updated.hasFocus());
        },
      };
    },
    props: {
      handleDOMEvents: {
        focus: (view) => {
          view.dispatch(view.state.tr.setMeta(clausePresenceKey, 'focus'));
          return false;
        },
      },
    },
  });
}

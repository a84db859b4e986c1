import { labelInk } from '@plenary/protocol';
import type { DecorationAttrs } from 'prosemirror-view';
import { readPresenceUser } from '../collab/presence.js';

/**
 * The caret of another person, labelled "Delegation · Person" in their delegation's colour.
 * y-prosemirror calls this with the `user` field another client published, so it is read
 * defensively and only ever written as text. Hidden from screen readers, which would otherwise
 * read the label in the middle of the sentence; the presence panel says who is where.
 */
export function remoteCursor(user: unknown): HTMLElement {
  const presence = readPresenceUser(user);
  const colour = presence?.color ?? '#4a5a6b';
  const caret = document.createElement('span');
  caret.className = 'remote-caret';
  caret.style.borderColor = colour;
  caret.setAttribute('aria-hidden', 'true');
  const label = document.createElement('span');
  label.className = 'remote-caret-label';
  label.style.backgroundColor = colour;
  label.style.color = labelInk(colour);
  label.textContent = presence ? `${presence.delegation} · ${presence.name}` : 'Someone';
  caret.append(document.createTextNode('\u2060'), label, document.createTextNode('\u2060'));
  return caret;
}

/** The highlight of another person's selection, a light wash of their delegation's colour. */
export function remoteSelection(user: unknown): DecorationAttrs {
  const colour = readPresenceUser(user)?.color ?? '#4a5a6b';
  return { class: 'remote-selection', style: `background-color: ${colour}2e` };
}

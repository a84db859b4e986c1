import { useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { type Participant, readParticipants } from './presence.js';

const cache = new WeakMap<Awareness, Participant[]>();

function subscribeTo(awareness: Awareness) {
  return (onChange: () => void) => {
    const handler = () => {
      cache.set(awareness, readParticipants(awareness));
      onChange();
    };
    awareness.on('change', handler);
    return () => awareness.off('change', handler);
  };
}

const subscribers = new WeakMap<Awareness, (onChange: () => void) => () => void>();

/** Everyone present in the room, re-rendering when awareness changes (`change`, not `update`). */
export function useParticipants(awareness: Awareness): Participant[] {
  let subscribe = subscribers.get(awareness);
  if (!subscribe) {
    subscribe = subscribeTo(awareness);
    subscribers.set(awareness, subscribe);
  }
  return useSyncExternalStore(subscribe, () => {
    let list = cache.get(awareness);
    if (!list) {
      list = readParticipants(awareness);
      cache.set(awareness, list);
    }
    return list;
  });
}

import { useSyncExternalStore } from 'react';
import { forgetRoomOnDevice } from '../local/forget-room.js';
import { KNOWN_ROOMS_EVENT, type KnownRoom, listKnownRooms } from '../local/known-rooms.js';

let cached: { raw: string; rooms: KnownRoom[] } | null = null;

function snapshot(): KnownRoom[] {
  const raw = localStorage.getItem('plenary.rooms') ?? '';
  if (!cached || cached.raw !== raw) cached = { raw, rooms: listKnownRooms() };
  return cached.rooms;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('storage', onChange);
  window.addEventListener(KNOWN_ROOMS_EVENT, onChange);
  return () => {
    window.removeEventListener('storage', onChange);
    window.removeEventListener(KNOWN_ROOMS_EVENT, onChange);
  };
}

const ROLE_NAMES = { chair: 'Chair', delegate: 'Delegate', observer: 'Observer' } as const;
const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * The rooms joined in this browser, with title, last change and role, each with a button that
 * forgets it on this device (its invite and local copy of the draft).
 */
export function KnownRoomList() {
  const rooms = useSyncExternalStore(subscribe, snapshot);
  if (rooms.length === 0) {
    return <p className="muted">Rooms you create or join in this browser are listed here.</p>;
  }
  return (
    <ul className="known-rooms">
      {rooms.map((room) => (
        <li key={room.room} data-room={room.room}>
          <a href={`/rooms/${room.room}`}>
            {room.symbol && <span className="known-symbol">{room.symbol}</span>}
            <span className="known-title">{room.title}</span>
          </a>
          <span className="known-meta">
            {ROLE_NAMES[room.role]}
            {room.role !== 'chair' || room.delegation !== 'Chair' ? ` · ${room.delegation}` : ''} · last change{' '}
            <time dateTime={new Date(room.lastChange).toISOString()}>{timeFormat.format(room.lastChange)}</time>
          </span>
          <button
            type="button"
            className="link-button known-forget"
            aria-label={`Forget “${room.title}” on this device`}
            onClick={() => void forgetRoomOnDevice(room.room)}
          >
            Forget on this device
          </button>
        </li>
      ))}
    </ul>
  );
}

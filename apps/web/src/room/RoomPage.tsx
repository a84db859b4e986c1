import { useCallback, useState } from 'react';
import type { ClauseText } from '../collab/clause-texts.js';
import { AccessNotice } from './AccessNotice.js';
import { DraftingRoom } from './DraftingRoom.js';
import { useRoomAccess } from './use-room-access.js';

/** `/rooms/<room>`: checks the invite, then opens the drafting room. */
export function RoomPage({ room }: { room: string }) {
  const access = useRoomAccess(room);
  // A refused update (4509) means local state must be discarded: remount with a fresh Y.Doc.
  const [generation, setGeneration] = useState(0);
  const [discarded, setDiscarded] = useState<readonly ClauseText[] | null>(null);
  const onRefused = useCallback((local: readonly ClauseText[]) => {
    setDiscarded(local);
    setGeneration((g) => g + 1);
  }, []);
  const onDismissRefused = useCallback(() => setDiscarded(null), []);

  if (access.state === 'refused') return <AccessNotice problem={access.problem} />;
  if (access.state === 'checking') return <p className="loading page-loading">Opening the room…</p>;
  if (access.state === 'unreachable') {
    return (
      <main className="notice-page">
        <div className="notice" role="status" data-problem="unreachable">
          <h1>The server cannot be reached</h1>
          <p>Plenary will keep trying. The room opens as soon as the server answers.</p>
        </div>
      </main>
    );
  }
  return (
    <DraftingRoom
      key={generation}
      room={room}
      token={access.token}
      session={access.session}
      onRefused={onRefused}
      discarded={discarded}
      onDismissRefused={onDismissRefused}
    />
  );
}

import { useCallback, useState } from 'react';
import { AccessNotice } from './AccessNotice.js';
import { DraftingRoom } from './DraftingRoom.js';
import { useRoomAccess } from './use-room-access.js';

/** `/rooms/<room>`: checks the invite, then opens the drafting room. */
export function RoomPage({ room }: { room: string }) {
  const access = useRoomAccess(room);
  // A refused update (4509) means local state must be discarded: remount with a fresh Y.Doc.
  const [generation, setGeneration] = useState(0);
  const [refusedOnce, setRefusedOnce] = useState(false);
  const onRefused = useCallback(() => {
    setRefusedOnce(true);
    setGeneration((g) => g + 1);
  }, []);

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
    <>
      {refusedOnce && (
        <div className="banner banner-warning" role="status">
          The server refused a change from this window, so the room was reopened from the stored draft.
        </div>
      )}
      <DraftingRoom key={generation} room={room} token={access.token} session={access.session} onRefused={onRefused} />
    </>
  );
}

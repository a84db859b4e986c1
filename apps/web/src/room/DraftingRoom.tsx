import { delegationColour } from '@plenary/protocol';
import type { ClauseNumber } from '@plenary/schema';
import type { EditorView } from 'prosemirror-view';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { type Session, updateRoom } from '../api/rooms.js';
import { type ClauseText, readClauseTexts } from '../collab/clause-texts.js';
import { type NotAppliedText, notAppliedText } from '../collab/not-applied.js';
import type { PresenceUser } from '../collab/presence.js';
import type { RoomConnection } from '../collab/room-connection.js';
import { SessionToken } from '../collab/session-token.js';
import { useRoomConnection } from '../collab/use-room-connection.js';
import { CommentsPanel } from '../comments/CommentsPanel.js';
import { useRoomComments } from '../comments/use-room-comments.js';
import { DraftEditor } from '../editor/DraftEditor.js';
import { rememberRoom } from '../local/known-rooms.js';
import { SidePanels } from '../panels/SidePanels.js';
import { FreezeNumberingSwitch } from '../positions/FreezeNumberingSwitch.js';
import { OpenSummary } from '../positions/OpenSummary.js';
import { openCounts } from '../positions/open-counts.js';
import { PositionBar } from '../positions/PositionBar.js';
import { PositionsPanel } from '../positions/PositionsPanel.js';
import { useRoomPositions } from '../positions/use-room-positions.js';
import { RevisionsPanel } from '../revisions/RevisionsPanel.js';
import { RevisionView } from '../revisions/RevisionView.js';
import type { RevisionWithDocument } from '../revisions/revisions-api.js';
import { navigate } from '../routing/route.js';
import { FormalModeSwitch } from '../suggestions/FormalModeSwitch.js';
import { SuggestionAtCaret } from '../suggestions/SuggestionAtCaret.js';
import { SuggestionsPanel } from '../suggestions/SuggestionsPanel.js';
import { useRoomSuggestions } from '../suggestions/use-room-suggestions.js';
import { ClauseToolbar } from './ClauseToolbar.js';
import { ConnectionNotice } from './ConnectionNotice.js';
import { diagnoseAccess } from './diagnose-access.js';
import { NotAppliedPanel } from './NotAppliedPanel.js';
import { RoomHeader } from './RoomHeader.js';
import { useLastChange } from './use-last-change.js';
import { useProjection } from './use-projection.js';

interface DraftingRoomProps {
  readonly room: string;
  readonly token: string;
  readonly session: Session;
  /**
   * Called when the server refused an update (4509), with the discarded local draft per clause:
   * the owner reopens the room afresh and passes that draft back as `discarded`.
   */
  readonly onRefused: (discarded: readonly ClauseText[]) => void;
  /** The local draft discarded after a 4509, compared with the resynced one once loaded. */
  readonly discarded: readonly ClauseText[] | null;
  readonly onDismissRefused: () => void;
}

/** The drafting room: opens the connection, then lays out header, draft and side panels. */
export function DraftingRoom(props: DraftingRoomProps) {
  const { room, token, session } = props;
  const user = useMemo<PresenceUser>(
    () => ({
      name: session.name,
      delegation: session.delegation,
      role: session.role,
      color: delegationColour(session.delegation, session.role),
    }),
    [session.name, session.delegation, session.role],
  );
  // One session token per room visit; renewals replace its value, not the object.
  const sessionToken = useMemo(() => new SessionToken(room, token), [room, token]);
  const diagnose = useCallback(() => diagnoseAccess(room, sessionToken.get()), [room, sessionToken]);
  const connection = useRoomConnection(room, sessionToken, user, diagnose);
  if (!connection) return null;
  return <RoomLayout {...props} connection={connection} sessionToken={sessionToken} />;
}

interface RoomLayoutProps extends DraftingRoomProps {
  readonly connection: RoomConnection;
  readonly sessionToken: SessionToken;
}

function RoomLayout(props: RoomLayoutProps) {
  const { connection, room, sessionToken, session, onRefused, discarded, onDismissRefused } = props;
  const snapshot = useSyncExternalStore(connection.subscribe, connection.getSnapshot);
  const token = useSyncExternalStore(sessionToken.subscribe, sessionToken.get);
  const [view, setView] = useState<EditorView | null>(null);
  const [labels, setLabels] = useState<ReadonlyMap<string, ClauseNumber>>(new Map());
  const [record, setRecord] = useState({ title: session.title, symbol: session.symbol });
  const [openRevision, setOpenRevision] = useState<RevisionWithDocument | null>(null);
  useLastChange(room, connection.doc);
  const reader = useMemo(() => ({ room, delegation: session.delegation, name: session.name }), [room, session]);
  const comments = useRoomComments(connection.comments, view, reader);
  const writerIdentity = useMemo(
    () => ({ delegation: session.delegation, role: session.role }),
    [session.delegation, session.role],
  );
  const suggestions = useRoomSuggestions(connection.suggestions, view, writerIdentity, snapshot.mode);
  const positions = useRoomPositions(connection.positions, view);
  const counts = useMemo(
    () => (positions.view && view ? openCounts(view.state.doc, positions.view) : null),
    [positions.view, view],
  );

  const { projection, enter, leave } = useProjection();
  const [notApplied, setNotApplied] = useState<readonly NotAppliedText[] | null>(null);

  useEffect(() => {
    if (snapshot.refused) onRefused(snapshot.refused);
  }, [snapshot.refused, onRefused]);

  // Once the stored draft is back, compare it with what this browser had before the refusal.
  useEffect(() => {
    if (!discarded || !snapshot.synced || notApplied) return;
    setNotApplied(notAppliedText(discarded, readClauseTexts(connection.fragment)));
  }, [discarded, snapshot.synced, notApplied, connection]);

  const dismissRefused = useCallback(() => {
    setNotApplied(null);
    onDismissRefused();
  }, [onDismissRefused]);

  const forget = useCallback(async () => {
    await connection.forget();
    navigate('/');
  }, [connection]);

  const onNumbers = useCallback((numbers: readonly ClauseNumber[]) => {
    setLabels(new Map(numbers.filter((n) => n.id !== null).map((n) => [n.id as string, n])));
  }, []);

  // The chair may rename the room from anywhere (another browser, the API): the server pushes
  // the new title and symbol, and the header and the lobby's entry follow without a reload.
  const pushed = snapshot.metadata;
  useEffect(() => {
    if (!pushed) return;
    setRecord((current) =>
      current.title === pushed.title && current.symbol === pushed.symbol
        ? current
        : { title: pushed.title, symbol: pushed.symbol },
    );
    rememberRoom({
      room,
      title: pushed.title,
      symbol: pushed.symbol,
      role: session.role,
      delegation: session.delegation,
    });
  }, [pushed, room, session.role, session.delegation]);

  const rename = useCallback(
    async (change: { title: string; symbol: string | null }) => {
      const updated = await updateRoom(room, token, change);
      setRecord({ title: updated.title, symbol: updated.symbol });
      rememberRoom({
        room,
        title: updated.title,
        symbol: updated.symbol,
        role: session.role,
        delegation: session.delegation,
      });
    },
    [room, token, session.role, session.delegation],
  );

  const loaded = snapshot.everSynced || snapshot.localLoaded;
  // While a revision is open read-only the live draft is hidden and takes no input.
  const editable =
    loaded && !projection && openRevision === null && session.role !== 'observer' && snapshot.problem === null;
  const closeRevision = useCallback(() => setOpenRevision(null), []);

  if (projection) {
    return (
      <div className="room room-projection" data-testid="projection">
        <header className="projection-header">
          <div>
            {record.symbol && <p className="room-symbol">{record.symbol}</p>}
            <h1 className="room-title">{record.title}</h1>
          </div>
          <button type="button" onClick={leave}>
            Leave projection <kbd>Esc</kbd>
          </button>
        </header>
        <main className="paper-column">
          {openRevision && <RevisionView revision={openRevision} onClose={closeRevision} />}
          <article className="paper" aria-label="Draft" hidden={openRevision !== null}>
            {loaded ? (
              <DraftEditor
                fragment={connection.fragment}
                awareness={connection.awareness}
                editable={false}
                follow
                onView={setView}
                onNumbers={onNumbers}
              />
            ) : (
              <p className="loading">Loading the draft…</p>
            )}
          </article>
        </main>
      </div>
    );
  }

  return (
    <div className="room">
      <RoomHeader
        room={room}
        token={token}
        title={record.title}
        symbol={record.symbol}
        session={session}
        snapshot={snapshot}
        onRename={rename}
        onProject={enter}
        onForget={forget}
      />
      <ConnectionNotice snapshot={snapshot} />
      {discarded && (
        <div className="banner banner-warning" role="status" data-problem="refused">
          The server refused a change from this window, so the room was reopened from the stored draft.
        </div>
      )}
      <div className="room-columns">
        <main className="paper-column">
          {openRevision && <RevisionView revision={openRevision} onClose={closeRevision} />}
          {/* Observers never draft: no toolbar of buttons they could never press. */}
          {session.role !== 'observer' && openRevision === null && (
            <ClauseToolbar
              view={view}
              disabled={!editable}
              mustSuggest={suggestions.writer.mustSuggest}
              chairControls={
                session.role === 'chair' && (
                  <>
                    <FormalModeSwitch room={room} token={token} mode={snapshot.mode} disabled={!editable} />
                    <FreezeNumberingSwitch
                      room={room}
                      token={token}
                      frozen={positions.records.frozen !== null}
                      disabled={!editable}
                    />
                  </>
                )
              }
            />
          )}
          {openRevision === null && (
            <>
              <OpenSummary counts={counts} />
              <PositionBar
                view={view}
                room={room}
                token={token}
                me={writerIdentity}
                records={positions.records}
                labels={labels}
              />
              <SuggestionAtCaret view={view} feed={connection.suggestions} />
            </>
          )}
          <article className="paper" aria-label="Draft" hidden={openRevision !== null}>
            {loaded ? (
              <DraftEditor
                fragment={connection.fragment}
                awareness={connection.awareness}
                editable={editable}
                onView={setView}
                onNumbers={onNumbers}
                writer={suggestions.writer}
              />
            ) : (
              <p className="loading">Loading the draft…</p>
            )}
          </article>
        </main>
        <aside className="side-column" aria-label="Room panels">
          {notApplied && notApplied.length > 0 && (
            <NotAppliedPanel
              // Labelled as the draft shows its clauses now (frozen numbering included).
              texts={notApplied.map((t) => ({ ...t, label: (t.id && labels.get(t.id)?.label) || t.label }))}
              onClose={dismissRefused}
            />
          )}
          <SidePanels
            view={view}
            editable={editable}
            room={room}
            token={token}
            session={session}
            awareness={connection.awareness}
            labels={labels}
            commentCounts={comments.counts}
            commentSignals={comments.signals}
            openSuggestions={suggestions.openCount}
            suggestions={
              <SuggestionsPanel
                room={room}
                token={token}
                me={writerIdentity}
                feed={connection.suggestions}
                view={view}
                labels={labels}
              />
            }
            openBrackets={counts?.openBrackets ?? 0}
            positions={<PositionsPanel view={view} positions={positions.view} counts={counts} labels={labels} />}
            revisions={
              <RevisionsPanel
                room={room}
                token={token}
                role={session.role}
                openId={openRevision?.id ?? null}
                onOpen={setOpenRevision}
              />
            }
            comments={
              <CommentsPanel
                room={room}
                token={token}
                me={session}
                observersMayComment={snapshot.observersMayComment}
                comments={comments}
                view={view}
                doc={connection.doc}
                labels={labels}
              />
            }
          />
        </aside>
      </div>
    </div>
  );
}

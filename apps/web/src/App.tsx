import { Lobby } from './lobby/Lobby.js';
import { RoomPage } from './room/RoomPage.js';
import { parseRoute, usePath } from './routing/route.js';

/** The web app's shell: `/` is the lobby, `/rooms/<room>` the drafting room. */
export function App() {
  const route = parseRoute(usePath());
  if (route.screen === 'lobby') return <Lobby />;
  if (route.screen === 'room') return <RoomPage key={route.room} room={route.room} />;
  return (
    <main className="notice-page">
      <div className="notice" role="alert">
        <h1>Nothing here</h1>
        <p>There is no page at this address.</p>
        <p>
          <a href="/">Go to the lobby</a>
        </p>
      </div>
    </main>
  );
}

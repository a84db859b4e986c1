import type { ConnectionSnapshot } from '../collab/room-connection.js';

/**
 * A banner above the draft when the connection is not normal: the server went away or closed the
 * connection for a reason worth telling, such as a connection too slow for the room (edits are
 * kept on this device and sent on return), or access stopped for good (the text stays visible to copy).
 */
export function ConnectionNotice({ snapshot }: { snapshot: ConnectionSnapshot }) {
  if (snapshot.problem) {
    return (
      <div className="banner banner-error" role="alert" data-problem={snapshot.problem.kind}>
        <strong>{snapshot.problem.title}.</strong> {snapshot.problem.detail} The text below is what this window holds;
        copy anything you need before closing it.
      </div>
    );
  }
  if (snapshot.phase === 'offline' && snapshot.retry) {
    return (
      <div className="banner banner-warning" role="status" data-problem={snapshot.retry.kind}>
        <strong>{snapshot.retry.title}.</strong> {snapshot.retry.detail}
      </div>
    );
  }
  if (snapshot.phase === 'offline') {
    return (
      <div className="banner banner-warning" role="status" data-problem="offline">
        <strong>The server cannot be reached.</strong> Keep drafting: your changes are kept on this device, even if you
        reload the page, and are sent when the connection returns.
      </div>
    );
  }
  return null;
}

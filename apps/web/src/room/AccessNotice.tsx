import type { AccessProblem } from '../collab/access-problem.js';

/** A whole-page message for a room this browser cannot enter, with a way back to the lobby. */
export function AccessNotice({ problem }: { problem: AccessProblem }) {
  return (
    <main className="notice-page">
      <div className="notice" role="alert" data-problem={problem.kind}>
        <h1>{problem.title}</h1>
        <p>{problem.detail}</p>
        <p>
          <a href="/">Go to the lobby</a>
        </p>
      </div>
    </main>
  );
}

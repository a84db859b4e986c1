/** The servers the bench drives: Plenary, the stock reference and the two floors. */
export type PeerKind = 'plenary' | 'reference' | 'relay' | 'cached';

/** A running peer as the load generator sees it. */
export interface Target {
  readonly kind: PeerKind;
  /** Websocket base URL; clients connect to `<wsBase>/<room>?token=…`. */
  readonly wsBase: string;
  /** Process id of the server, for CPU and RSS from `/proc`. */
  readonly pid: number;
  /** The one token of this workload (other peers ignore it). */
  readonly token: string;
}

export interface TraceParams {
  readonly edits: number;
  readonly observers: number;
  /** Observers that are full stock clients; the rest are light sockets. */
  readonly fullObservers: number;
  /** Edits typed back to back before waiting for a full observer to catch up. */
  readonly burst: number;
}

export interface FanoutParams {
  readonly clients: number;
  readonly typers: number;
  /** Full clients that only watch, besides the typers (who also measure each other). */
  readonly probes: number;
  readonly keysPerSecond: number;
  /**
   * Typing before the measured `seconds`, at the same rate, whose keystrokes are not measured:
   * the first keystrokes of a run meet cold code in the server and in the generator's clients.
   */
  readonly warmupSeconds: number;
  readonly seconds: number;
}

export interface JoinParams {
  readonly clients: number;
  readonly windowMs: number;
  /** File holding the encoded document the room is seeded with. */
  readonly stateFile: string;
  readonly expectedContent: string;
}

export interface ColdParams {
  readonly expectedContent: string;
}

export interface IdleParams {
  readonly rooms: number;
  /** How long the peer keeps an empty room (Plenary's PLENARY_ROOM_IDLE_MS); 0 for the others. */
  readonly idleMs: number;
}

export interface ConcurrentParams {
  /** Transactions of the trace to replay (all when 0). */
  readonly txns: number;
}

/** One run of the load generator against one peer, passed to `generator.ts` as JSON. */
export type Job =
  | { readonly workload: 'trace'; readonly target: Target; readonly params: TraceParams }
  | { readonly workload: 'fanout'; readonly target: Target; readonly params: FanoutParams }
  | { readonly workload: 'join'; readonly target: Target; readonly params: JoinParams }
  | { readonly workload: 'cold'; readonly target: Target; readonly params: ColdParams }
  | { readonly workload: 'idle'; readonly target: Target; readonly params: IdleParams }
  | { readonly workload: 'concurrent'; readonly target: Target; readonly params: ConcurrentParams };

export type WorkloadName = Job['workload'];

/** Named figures of one run (units are in the names: `_ms`, `_bytes`, `_s`). */
export type Figures = Record<string, number>;

/** What the generator reports for one job. */
export interface JobResult {
  readonly figures: Figures;
  /** Whether every client ended with the expected document. */
  readonly converged: boolean;
  readonly detail: string;
}

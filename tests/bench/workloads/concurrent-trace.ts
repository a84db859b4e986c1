import * as Y from 'yjs';
import { LightSocket, updateMessage } from '../clients/light-socket.js';
import type { ConcurrentParams, JobResult, Target } from '../job.js';
import { cpuSeconds } from '../proc.js';
import { applyTxn, loadTrace, TEXT_NAME, type Trace } from '../trace.js';
import { waitUntil } from './wait.js';

const ROOM = 'bench-concurrent';

/**
 * For each transaction, how many transactions of each agent are in its causal past (its
 * parents and theirs). An agent's transactions are totally ordered, so that count says exactly
 * which of the other agent's updates must be applied before the transaction's positions hold.
 */
function causalPast(trace: Trace, txns: number): number[][] {
  const agents = trace.numAgents ?? 1;
  const rank: number[] = [];
  const perAgent = new Array<number>(agents).fill(0);
  const known: number[][] = [];
  for (let i = 0; i < txns; i++) {
    const txn = trace.txns[i];
    if (!txn) break;
    const agent = txn.agent ?? 0;
    rank.push(perAgent[agent] as number);
    perAgent[agent] = (perAgent[agent] as number) + 1;
    const past = new Array<number>(agents).fill(0);
    for (const parent of txn.parents ?? []) {
      const parentPast = known[parent] as number[];
      const parentAgent = trace.txns[parent]?.agent ?? 0;
      for (let a = 0; a < agents; a++) past[a] = Math.max(past[a] as number, parentPast[a] as number);
      past[parentAgent] = Math.max(past[parentAgent] as number, (rank[parent] as number) + 1);
    }
    known.push(past);
  }
  return known;
}

/** One user of the concurrent trace: a light socket with its own document. */
class Agent {
  readonly doc = new Y.Doc();
  readonly text = this.doc.getText(TEXT_NAME);
  /** Updates from the other agent, applied only when a transaction's causal past needs them. */
  readonly inbox: Uint8Array[] = [];
  applied = 0;
  private readonly ownDeletes: Uint8Array[] = [];
  readonly socket: LightSocket;

  constructor(url: string, agent: number) {
    // Yjs orders concurrent inserts at one place by client id; the trace's order (its
    // endContent) is the one where agent 0 has the lower id.
    this.doc.clientID = agent + 1;
    this.socket = new LightSocket(url, { onUpdate: (update) => this.receive(update) });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this) return;
      if (Y.decodeUpdate(update).structs.length === 0) this.ownDeletes.push(update);
      this.socket.send(updateMessage(update));
    });
  }

  /** Applies the other agent's updates up to `count` of them. */
  catchUp(count: number): void {
    while (this.applied < count) {
      Y.applyUpdate(this.doc, this.inbox[this.applied] as Uint8Array, this);
      this.applied++;
    }
  }

  private receive(update: Uint8Array): void {
    // Some servers echo a client's own updates back to it; those are not the other agent's.
    const { structs } = Y.decodeUpdate(update);
    const first = structs[0];
    if (first ? first.id.client === this.doc.clientID : isEqual(update, this.ownDeletes[0])) {
      if (!first) this.ownDeletes.shift();
      return;
    }
    this.inbox.push(update);
  }
}

function isEqual(a: Uint8Array, b: Uint8Array | undefined): boolean {
  return b !== undefined && a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * Concurrent trace: friendsforever replayed by two clients with its real concurrency. Each agent
 * types its own transactions in order; before each one it applies exactly the other agent's
 * updates that the transaction was made on top of, so the trace's positions hold. Both must end
 * with `endContent`.
 */
export async function concurrentTrace(target: Target, params: ConcurrentParams): Promise<JobResult> {
  const trace = loadTrace('friendsforever');
  if (trace.numAgents !== 2) throw new Error(`expected a two-agent trace, got ${trace.numAgents}`);
  const count = params.txns > 0 ? Math.min(params.txns, trace.txns.length) : trace.txns.length;
  const known = causalPast(trace, count);
  const url = `${target.wsBase}/${ROOM}?token=${target.token}`;
  const agents = [new Agent(url, 0), new Agent(url, 1)];
  await Promise.all(agents.map((a) => a.socket.synced));
  const cpu0 = cpuSeconds(target.pid);
  const start = performance.now();
  await Promise.all(
    agents.map(async (agent, index) => {
      const other = 1 - index;
      for (let i = 0; i < count; i++) {
        const txn = trace.txns[i];
        if (!txn || txn.agent !== index) continue;
        const need = (known[i] as number[])[other] as number;
        if (agent.inbox.length < need) await waitUntil(() => agent.inbox.length >= need, 60_000, 1);
        agent.catchUp(need);
        agent.doc.transact(() => applyTxn(agent.text, txn));
      }
    }),
  );
  const perAgent = [0, 1].map((a) => trace.txns.slice(0, count).filter((t) => t.agent === a).length);
  await waitUntil(() => agents.every((a, i) => a.inbox.length >= (perAgent[1 - i] as number)), 60_000, 5);
  for (const [i, agent] of agents.entries()) agent.catchUp(perAgent[1 - i] as number);
  const elapsed = (performance.now() - start) / 1000;
  const cpu = cpuSeconds(target.pid) - cpu0;
  const texts = agents.map((a) => a.text.toString());
  const expected = count === trace.txns.length ? trace.endContent : (texts[0] as string);
  const converged = texts.every((t) => t === expected);
  await Promise.all(agents.map((a) => a.socket.close()));
  return {
    figures: { txns: count, replay_s: elapsed, server_cpu_s: cpu, content_chars: (texts[0] as string).length },
    converged,
    detail: converged ? 'both agents hold endContent' : 'the agents differ from endContent',
  };
}

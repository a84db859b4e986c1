import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bestEffortLevel,
  idleBackgroundThreads,
  policyOfStat,
  SCHED_OTHER,
  statField,
  threadPolicy,
} from '../src/background-threads.js';
import { parseConfig } from '../src/config.js';

const ownThreads = () => readdirSync('/proc/self/task').map(Number);
const policies = () => Promise.all(ownThreads().map((tid) => threadPolicy(process.pid, tid)));

/** A stat line whose fields 3 to 52 are 0 except the policy (field 41) and the nice value (19). */
function statLine(name: string, policy: number, nice = 0): string {
  const rest = Array.from({ length: 50 }, (_, index) =>
    index + 3 === 41 ? String(policy) : index + 3 === 19 ? String(nice) : '0',
  );
  return `4242 (${name}) ${rest.join(' ')}\n`;
}

describe('background threads at idle priority', () => {
  it('reads the policy after the thread name, even a name with spaces and parentheses', () => {
    expect(policyOfStat(statLine('node', 5))).toBe(5);
    expect(policyOfStat(statLine('a) b)) S (c', 5))).toBe(5);
    expect(policyOfStat(statLine('V8 Worker', 0))).toBe(0);
    expect(policyOfStat('4242 (node) S 1 2')).toBeNull();
  });

  it('reads the nice value, and derives the disk level Linux gives a thread of that nice value', () => {
    expect(statField(statLine('node', 0, 10), 19)).toBe(10);
    expect(statField(statLine('a) b', 0, -5), 19)).toBe(-5);
    expect([-20, -1, 0, 4, 5, 10, 19].map(bestEffortLevel)).toEqual([0, 3, 4, 4, 5, 6, 7]);
  });

  it('without ionice still idles every thread, sets no disk class and names the failing command once', async () => {
    // `true` stands in for chrt, so no thread of the test process changes.
    const outcome = await idleBackgroundThreads({ chrt: 'true', ionice: '/nonexistent/ionice' });
    if (outcome.kind !== 'swept') throw new Error(`expected a sweep, got ${outcome.kind}`);
    expect(outcome.failed).toEqual([]);
    expect(outcome.idled).toBeGreaterThan(0);
    expect(outcome.ioFailed).toHaveLength(1);
    expect(outcome.ioFailed[0]).toMatch(/^\/nonexistent\/ionice --pid \d+: /);
  });

  it("reads a running thread's normal policy and nothing for a thread that does not exist", async () => {
    expect(await threadPolicy(process.pid, process.pid)).toBe(SCHED_OTHER);
    expect(await threadPolicy(process.pid, 2 ** 30)).toBeNull();
  });

  it('without chrt changes no thread and names the failing command for each', async () => {
    const outcome = await idleBackgroundThreads({ chrt: '/nonexistent/chrt', ionice: 'ionice' });
    if (outcome.kind !== 'swept') throw new Error(`expected a sweep, got ${outcome.kind}`);
    expect(outcome.idled).toBe(0);
    expect(outcome.ioFailed).toEqual([]);
    expect(outcome.failed.length).toBeGreaterThan(0);
    for (const reason of outcome.failed) expect(reason).toMatch(/^\/nonexistent\/chrt --idle --pid 0 \d+: /);
    expect((await policies()).every((policy) => policy === null || policy === SCHED_OTHER)).toBe(true);
  });

  it('is off by default and turned on with PLENARY_BACKGROUND_THREADS=idle', () => {
    expect(parseConfig({}).backgroundThreads).toBe('normal');
    expect(parseConfig({ PLENARY_BACKGROUND_THREADS: 'idle' }).backgroundThreads).toBe('idle');
    expect(parseConfig({ PLENARY_BACKGROUND_THREADS: 'normal' }).backgroundThreads).toBe('normal');
    expect(() => parseConfig({ PLENARY_BACKGROUND_THREADS: 'low' })).toThrow(/PLENARY_BACKGROUND_THREADS/);
  });
});

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { idleBackgroundThreads, threadPolicy } from '../src/background-threads.js';
import { parseConfig } from '../src/config.js';

const policies = () => Promise.all(readdirSync('/proc/self/task').map((tid) => threadPolicy(process.pid, Number(tid))));

describe('background threads at idle priority', () => {
  it('reads the normal policy of a running thread and nothing for one that does not exist', async () => {
    expect(await threadPolicy(process.pid, process.pid)).toBe(0);
    expect(await threadPolicy(process.pid, 2 ** 30)).toBeNull();
  });

  it('without chrt changes nothing and says which command failed', async () => {
    const before = await policies();
    const outcome = await idleBackgroundThreads('/nonexistent/chrt');
    expect(outcome.kind).toBe('unavailable');
    expect(outcome.kind === 'unavailable' && outcome.reason).toMatch(/\/nonexistent\/chrt --idle --pid 0 \d+/);
    expect(await policies()).toEqual(before);
  });

  it('is on by default and turned off with PLENARY_BACKGROUND_THREADS=normal', () => {
    expect(parseConfig({}).backgroundThreads).toBe('idle');
    expect(parseConfig({ PLENARY_BACKGROUND_THREADS: 'normal' }).backgroundThreads).toBe('normal');
    expect(() => parseConfig({ PLENARY_BACKGROUND_THREADS: 'low' })).toThrow(/PLENARY_BACKGROUND_THREADS/);
  });
});

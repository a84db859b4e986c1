import { readFileSync } from 'node:fs';

/** Clock ticks per second of `/proc/<pid>/stat` (`getconf CLK_TCK`; 100 on Linux). */
const CLOCK_TICKS = 100;

/** CPU seconds (user + system) that process `pid` has used so far, from `/proc/<pid>/stat`. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may contain spaces; fields after it are space separated from `state` on.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Resident set size of process `pid` in bytes (`VmRSS` of `/proc/<pid>/status`). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * RSS once the process has settled: sampled every `intervalMs` until two samples differ by less
 * than 1% and the process used almost no CPU in between, or `maxMs` passed.
 */
export async function settledRss(pid: number, { intervalMs = 500, maxMs = 10_000 } = {}): Promise<number> {
  const start = Date.now();
  let last = rssBytes(pid);
  let cpu = cpuSeconds(pid);
  for (;;) {
    await sleep(intervalMs);
    const rss = rssBytes(pid);
    const nextCpu = cpuSeconds(pid);
    const quiet = nextCpu - cpu <= 0.02 * (intervalMs / 1000) * 5;
    if ((Math.abs(rss - last) < 0.01 * last && quiet) || Date.now() - start > maxMs) return rss;
    last = rss;
    cpu = nextCpu;
  }
}

/** Samples the RSS of `pid` every `intervalMs` and keeps the peak until `stop` is called. */
export function rssPeakSampler(pid: number, intervalMs = 20): { stop(): number } {
  let peak = rssBytes(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssBytes(pid));
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssBytes(pid));
    },
  };
}

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { whenExpired } from '../src/token-expiry.js';

const DAY_MS = 86_400_000;

describe('whenExpired', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-11-23T12:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const inSeconds = (ms: number) => Math.floor((Date.now() + ms) / 1000);

  it('fires at the expiry of a 90-day token, past the longest single timer', () => {
    const fired = vi.fn();
    whenExpired(inSeconds(90 * DAY_MS), fired);
    vi.advanceTimersByTime(30 * DAY_MS);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60 * DAY_MS - 1000);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('fires at once for a token already expired', () => {
    const fired = vi.fn();
    whenExpired(inSeconds(-1000), fired);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('never fires once cancelled', () => {
    const fired = vi.fn();
    const cancel = whenExpired(inSeconds(40 * DAY_MS), fired);
    vi.advanceTimersByTime(30 * DAY_MS);
    cancel();
    vi.advanceTimersByTime(20 * DAY_MS);
    expect(fired).not.toHaveBeenCalled();
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryReclaimer, reclaimHeap } from '../src/memory.js';

describe('memory reclaimer', () => {
  afterEach(() => vi.useRealTimers());

  it('reclaims once when a wave of unloads has ended', () => {
    vi.useFakeTimers();
    const reclaim = vi.fn();
    const reclaimer = new MemoryReclaimer(() => true, reclaim, 250, 5000);
    for (let i = 0; i < 10; i++) {
      reclaimer.roomUnloaded();
      vi.advanceTimersByTime(100);
    }
    expect(reclaim).not.toHaveBeenCalled();
    vi.advanceTimersByTime(150);
    expect(reclaim).toHaveBeenCalledTimes(1);
    reclaimer.roomUnloaded();
    vi.advanceTimersByTime(250);
    expect(reclaim).toHaveBeenCalledTimes(2);
  });

  it('reclaims at the latest the longest wait after a wave began, however long it lasts', () => {
    vi.useFakeTimers();
    const reclaim = vi.fn();
    const reclaimer = new MemoryReclaimer(() => true, reclaim, 250, 1000);
    for (let i = 0; i < 10; i++) {
      reclaimer.roomUnloaded();
      vi.advanceTimersByTime(200);
    }
    // Ten unloads 200 ms apart span 2 s: one reclaim at 1 s, one at 2 s.
    expect(reclaim).toHaveBeenCalledTimes(2);
  });

  it('does not reclaim while the server may not pause', () => {
    vi.useFakeTimers();
    const reclaim = vi.fn();
    let quiet = false;
    const reclaimer = new MemoryReclaimer(() => quiet, reclaim, 250, 1000);
    reclaimer.roomUnloaded();
    vi.advanceTimersByTime(2000);
    expect(reclaim).not.toHaveBeenCalled();
    quiet = true;
    reclaimer.roomUnloaded();
    vi.advanceTimersByTime(250);
    expect(reclaim).toHaveBeenCalledTimes(1);
  });

  it('does not reclaim after it was stopped', () => {
    vi.useFakeTimers();
    const reclaim = vi.fn();
    const reclaimer = new MemoryReclaimer(() => true, reclaim, 250, 1000);
    reclaimer.roomUnloaded();
    reclaimer.stop();
    vi.advanceTimersByTime(2000);
    expect(reclaim).not.toHaveBeenCalled();
  });

  it('frees unreachable objects', async () => {
    let resolveCollected: () => void = () => {};
    const collected = new Promise<void>((resolve) => {
      resolveCollected = resolve;
    });
    const registry = new FinalizationRegistry<string>(() => resolveCollected());
    (() => {
      registry.register(
        Array.from({ length: 100_000 }, (_, i) => ({ i, text: `room ${i}` })),
        'rooms',
      );
    })();
    await new Promise((resolve) => setImmediate(resolve));
    reclaimHeap();
    await collected;
    expect(registry).toBeInstanceOf(FinalizationRegistry);
  });
});

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MEMORY_MODULE = fileURLToPath(new URL('../src/memory.ts', import.meta.url));

/**
 * Runs `holdYoungGeneration` in a fresh node process (it changes V8 flags for the whole
 * process), then a burst of allocation like many rooms loading at once, and reports the young
 * generation's size after each.
 */
function youngGenerationAfterBurst(): { held: number; afterBurst: number; start: number } {
  const script = `
    import { holdYoungGeneration, youngGenerationBytes } from ${JSON.stringify(MEMORY_MODULE)};
    const start = youngGenerationBytes();
    holdYoungGeneration();
    const held = youngGenerationBytes();
    let kept = [];
    for (let round = 0; round < 30; round++) {
      for (let i = 0; i < 200000; i++) kept.push({ round, i });
      kept = kept.slice(-100000);
    }
    console.log(JSON.stringify({ start, held, afterBurst: youngGenerationBytes() }));
  `;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}');
}

describe('the young generation', () => {
  it('is left to V8 by default and held only with PLENARY_YOUNG_GENERATION=held', async () => {
    const { parseConfig } = await import('../src/config.js');
    expect(parseConfig({}).youngGeneration).toBe('default');
    expect(parseConfig({ PLENARY_YOUNG_GENERATION: 'held' }).youngGeneration).toBe('held');
    expect(() => parseConfig({ PLENARY_YOUNG_GENERATION: 'big' })).toThrow(/PLENARY_YOUNG_GENERATION/);
  });

  it('is grown to its set size at start and does not grow under a burst of allocation', async () => {
    const { YOUNG_GENERATION_BYTES } = await import('../src/memory.js');
    const { start, held, afterBurst } = youngGenerationAfterBurst();
    expect(start).toBeLessThan(YOUNG_GENERATION_BYTES);
    expect(held).toBe(YOUNG_GENERATION_BYTES);
    expect(afterBurst).toBe(held);
    // A child process compiling TypeScript: give it room on a busy machine.
  }, 60_000);
});

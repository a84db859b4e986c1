type EnsureBuilt = (options: { quiet: boolean }) => void;

/**
 * Vitest global setup of the integration project: builds the workspace when the build is
 * missing or stale, so tests that spawn `server/scripts/*.mjs` run current JavaScript.
 */
export default async function setup(): Promise<void> {
  const script = new URL('../../server/scripts/ensure-built.mjs', import.meta.url).href;
  const { ensureBuilt } = (await import(script)) as { ensureBuilt: EnsureBuilt };
  ensureBuilt({ quiet: true });
}

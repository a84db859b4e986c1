#!/usr/bin/env node
// `pnpm bench`: the exporters, the web app in Chromium, suggestions in formal mode (the web app,
// the changes export and accept-all, Plenary alone), revisions (compare, concordance, issuing),
// the server against the reference peers, then scale-out (one process against two on PostgreSQL
// and Redis, many rooms on two). Every part runs even when an earlier one missed a budget (each
// writes its own figures into docs/BENCHMARKS.md); the exit code is 1 when any part failed. Arguments (`--quick`,
// `--only=…`, …) go to every part; each reads those it knows.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const source = ['--conditions=@plenary/source', '--import', 'tsx'];

const steps = [
  ['build', [join(root, 'tests/scripts/ensure-built.mjs')]],
  ['exporters', [...source, join(root, 'tests/bench/export.ts'), ...args]],
  ['web app', [...source, join(root, 'tests/bench/browser.ts'), ...args]],
  ['suggestions', [...source, join(root, 'tests/bench/suggestions.ts'), ...args]],
  ['revisions', [...source, join(root, 'tests/bench/revisions.ts'), ...args]],
  ['server', [...source, join(root, 'tests/bench/run.ts'), ...args]],
  ['scale-out', [...source, join(root, 'tests/bench/cluster.ts'), ...args]],
];

const failed = [];
for (const [name, stepArgs] of steps) {
  const { status, error } = spawnSync(process.execPath, stepArgs, { cwd: root, stdio: 'inherit' });
  if (status === 0) continue;
  console.error(`\n✗ ${name} ${error ? `did not run: ${error.message}` : `exited with ${status}`}`);
  // Nothing can be measured without a build.
  if (name === 'build') process.exit(1);
  failed.push(name);
}
if (failed.length > 0) {
  console.error(`\n✗ over budget or failed: ${failed.join(', ')}`);
  process.exit(1);
}

#!/usr/bin/env node
// `pnpm test`: the whole suite in order, stopping at the first failure:
// system programs → build → typecheck → lint → unit, integration and end-to-end tests.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

const steps = [
  ['system programs', process.execPath, [join(root, 'tests/scripts/ensure-system-deps.mjs')]],
  ['build', bin('tsc'), ['-b']],
  ['build web app', bin('vite'), ['build', 'apps/web', '--logLevel', 'warn']],
  ['typecheck tests', bin('tsc'), ['-p', 'tests']],
  ['typecheck web app', bin('tsc'), ['-p', 'apps/web']],
  ['lint', bin('biome'), ['check', '.']],
  ['tests', bin('vitest'), ['run']],
];

for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  try {
    execFileSync(command, args, { cwd: root, stdio: 'inherit' });
  } catch {
    console.error(`\n✗ ${name} failed`);
    process.exit(1);
  }
}
console.log('\n✓ all checks passed');

#!/usr/bin/env node
// `pnpm plenary …`: runs the built CLI, building first when the build is missing or stale.
import { ensureBuilt } from './ensure-built.mjs';

ensureBuilt({ quiet: true });
const { runCli } = await import('../dist/index.js');
const code = await runCli(process.argv.slice(2));
if (code >= 0) process.exitCode = code;

#!/usr/bin/env node
// `pnpm start`: builds when the build is missing or stale, then runs the built server with node.
import { ensureBuilt } from './ensure-built.mjs';

ensureBuilt({ quiet: false });
const { main } = await import('../dist/index.js');
await main();

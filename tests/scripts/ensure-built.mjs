#!/usr/bin/env node
// Builds the workspace when the build is missing or older than the sources.
import { ensureBuilt } from '../../server/scripts/ensure-built.mjs';

ensureBuilt({ quiet: false });

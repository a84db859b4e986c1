// Runs the server from its TypeScript sources (used by `pnpm dev` through tsx).
import { main } from '../src/main.js';

await main();

import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/** File name of the list of built files the service worker caches on install. */
export const PRECACHE_FILE = 'precache.json';

/**
 * Writes `precache.json` into the build: every emitted file except source maps, the service
 * worker itself and `index.html` (which the worker caches as the app shell), so that the whole
 * app, lazily loaded chunks included, is available offline after the first visit. Also stamps
 * the service worker with a hash of that list (`__PLENARY_BUILD__`), so each build's worker is a
 * new file that browsers install.
 */
export function precacheManifest(serviceWorker: string): Plugin {
  return {
    name: 'plenary-precache-manifest',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((file) => !file.endsWith('.map') && file !== serviceWorker && file !== 'index.html')
        .sort();
      this.emitFile({ type: 'asset', fileName: PRECACHE_FILE, source: `${JSON.stringify({ files }, null, 2)}\n` });
      const worker = bundle[serviceWorker];
      if (worker?.type !== 'chunk') throw new Error(`the build has no service worker chunk ${serviceWorker}`);
      const build = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      worker.code = worker.code.replaceAll('__PLENARY_BUILD__', build);
    },
  };
}

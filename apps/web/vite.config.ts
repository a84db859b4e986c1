import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precacheManifest } from './precache-manifest.js';

const target = process.env.PLENARY_DEV_SERVER ?? 'http://127.0.0.1:1234';

/** The service worker is built as its own entry, at the root so that its scope is the whole app. */
const SERVICE_WORKER = 'sw.js';

export default defineConfig({
  plugins: [react(), precacheManifest(SERVICE_WORKER)],
  resolve: { conditions: ['@plenary/source'] },
  server: {
    port: 5173,
    proxy: {
      '/api': target,
      '/healthz': target,
      '/collab': { target: target.replace(/^http/, 'ws'), ws: true },
    },
  },
  build: {
    target: 'es2023',
    sourcemap: true,
    chunkSizeWarningLimit: 1024,
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        sw: fileURLToPath(new URL('./src/offline/service-worker.ts', import.meta.url)),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? SERVICE_WORKER : 'assets/[name]-[hash].js'),
      },
    },
  },
});

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const target = process.env.PLENARY_DEV_SERVER ?? 'http://127.0.0.1:1234';

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['@plenary/source'] },
  server: {
    port: 5173,
    proxy: {
      '/api': target,
      '/healthz': target,
      '/collab': { target: target.replace(/^http/, 'ws'), ws: true },
    },
  },
  build: { target: 'es2023', sourcemap: true, chunkSizeWarningLimit: 1024 },
});

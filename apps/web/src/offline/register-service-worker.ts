/**
 * Registers the service worker (`/sw.js`) that keeps the app available offline. Only in a
 * production build: in development Vite serves modules that must never be cached. A browser
 * without service workers (or that refuses one) simply works online only.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/', type: 'module' }).catch((error: unknown) => {
    console.warn('Plenary works online only: the service worker was not registered', error);
  });
}

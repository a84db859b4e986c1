/**
 * Plenary's service worker: keeps the built app in the Cache Storage so that a room reloads
 * without a connection (the draft itself comes from IndexedDB, the session from localStorage).
 *
 * - install: caches the app shell and every built file listed in `/precache.json` (written by
 *   the build, see `precache-manifest.ts`);
 * - navigations: network first (a new deployment is picked up at once), the cached shell when
 *   the server cannot be reached;
 * - other same-origin GETs of the app: cache first (built files have hashed, immutable names);
 * - the API, the websocket and `/healthz` are never touched.
 */

/**
 * One cache per build: the build replaces `__PLENARY_BUILD__` with a hash of its file list, so a
 * new deployment changes this file's bytes, the browser installs the new worker, which caches the
 * new files and deletes the previous build's cache on activation.
 */
const CACHE = 'plenary-app-__PLENARY_BUILD__';
/** The key under which the app shell (index.html) is kept. */
const SHELL = '/index.html';
/** Paths the worker leaves to the network. */
const PASS_THROUGH = /^\/(api|collab|healthz)(\/|$)/;

interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}

interface FetchEventLike extends ExtendableEventLike {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}

interface WorkerScopeLike {
  readonly location: Location;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void;
}

const worker = self as unknown as WorkerScopeLike;

function isPrecacheManifest(value: unknown): value is { files: string[] } {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { files?: unknown }).files) &&
    (value as { files: unknown[] }).files.every((f) => typeof f === 'string')
  );
}

async function precache(): Promise<void> {
  const response = await fetch('/precache.json', { cache: 'no-store' });
  const manifest: unknown = await response.json();
  if (!isPrecacheManifest(manifest)) throw new TypeError('precache.json does not list files');
  const cache = await caches.open(CACHE);
  const shell = await fetch('/', { cache: 'no-store' });
  if (!shell.ok) throw new TypeError(`the app shell answered ${shell.status}`);
  await cache.put(SHELL, shell);
  await cache.addAll(manifest.files.map((file) => `/${file}`));
}

async function dropOldCaches(): Promise<void> {
  for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
}

async function navigation(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(SHELL, response.clone());
    return response;
  } catch (error) {
    const shell = await cache.match(SHELL);
    if (shell) return shell;
    throw error;
  }
}

async function builtFile(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

worker.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => worker.skipWaiting()));
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(dropOldCaches().then(() => worker.clients.claim()));
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== worker.location.origin || PASS_THROUGH.test(url.pathname)) return;
  if (url.pathname === '/precache.json' || url.pathname === '/sw.js') return;
  event.respondWith(request.mode === 'navigate' ? navigation(request) : builtFile(request));
});

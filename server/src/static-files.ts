import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Plenary</title></head>
<body><main><h1>Plenary</h1><p>The drafting server is running. The web app has not been built yet: run <code>pnpm build</code>.</p></main></body></html>`;

/**
 * Serves the built web app from `root`: files by path, and `index.html` for every other GET
 * (the app routes `/` and `/rooms/<room>` itself). Paths never leave `root`.
 */
export function serveStatic(root: string | null, request: IncomingMessage, response: ServerResponse): void {
  const headers = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
  if (!root || !existsSync(join(root, 'index.html'))) {
    response.writeHead(200, { ...headers, 'content-type': TYPES['.html'] });
    response.end(PLACEHOLDER);
    return;
  }
  const pathname = decodeURIComponentSafe((request.url ?? '/').split('?')[0] ?? '/');
  const candidate = pathname === null ? null : normalize(join(root, pathname));
  let file = join(root, 'index.html');
  if (candidate?.startsWith(root + sep) && existsSync(candidate) && statSync(candidate).isFile()) file = candidate;
  const immutable = file.includes(`${sep}assets${sep}`);
  response.writeHead(200, {
    ...headers,
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(file).pipe(response);
}

function decodeURIComponentSafe(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

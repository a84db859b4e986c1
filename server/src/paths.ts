import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built web app (`apps/web/dist`), found relative to this module in source and in dist. */
export function defaultWebRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return join(here, '..', '..', 'apps', 'web', 'dist');
}

import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config.js';

/** Smallest accepted secret, in characters (DESIGN §5). */
export const MIN_SECRET_LENGTH = 32;

/**
 * Returns the token signing secret: `configured` when set, otherwise the contents of
 * `<dataDir>/secret`, generating it (48 random bytes, base64url, mode 0600) on first start.
 * The server and the CLI call this with the same configuration, so they share one secret.
 */
export function loadSecret(dataDir: string, configured: string | null): string {
  if (configured !== null) {
    if (configured.length < MIN_SECRET_LENGTH) {
      throw new ConfigError(`PLENARY_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
    }
    return configured;
  }
  const file = join(dataDir, 'secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new ConfigError(`${file} holds a secret shorter than ${MIN_SECRET_LENGTH} characters`);
    }
    return secret;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  // `wx` fails if another process created the file meanwhile; then read theirs.
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    return secret;
  } catch {
    return readFileSync(file, 'utf8').trim();
  }
}

import type { Config } from './config.js';
import { isProcessAlive, readServerRecord } from './server-record.js';

/** The base of the invite links the CLI prints, and a warning when it differs from the server's. */
export interface InviteBaseUrl {
  readonly url: string;
  readonly warning: string | null;
}

/**
 * The base URL of the invite links the CLI prints (docs/OPERATIONS.md "Invite links"), first of:
 * 1. `PLENARY_PUBLIC_URL` in the CLI's environment (with a warning when the server running on
 *    the data dir uses another);
 * 2. the public URL of the server running on the data dir, from `<dataDir>/server.json`;
 * 3. `http://HOST:PORT` when the CLI's environment sets `HOST` or `PORT`;
 * 4. the public URL the last server on the data dir recorded before it stopped;
 * 5. the default, `http://127.0.0.1:1234`.
 * So the CLI prints the links of the server it shares a data dir with, whatever environment it
 * runs in, and an operator can still name the URL. Throws `ServerRecordError` for a
 * `server.json` that is no server record.
 */
export function inviteBaseUrl(env: NodeJS.ProcessEnv, config: Config): InviteBaseUrl {
  const record = readServerRecord(config.dataDir);
  const running = record?.pid != null && isProcessAlive(record.pid) ? record : null;
  if (env.PLENARY_PUBLIC_URL) {
    const warning =
      running && running.publicUrl !== config.publicUrl
        ? `the server running on ${config.dataDir} (pid ${running.pid}) serves ${running.publicUrl}; ` +
          `these links use PLENARY_PUBLIC_URL=${config.publicUrl}`
        : null;
    return { url: config.publicUrl, warning };
  }
  if (running) return { url: running.publicUrl, warning: null };
  if (env.HOST || env.PORT) return { url: config.publicUrl, warning: null };
  if (record) return { url: record.publicUrl, warning: null };
  return { url: config.publicUrl, warning: null };
}

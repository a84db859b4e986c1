import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * What a server started with `pnpm start` (or `plenary serve`) records in `<dataDir>/server.json`,
 * for the CLI run on the same data dir (docs/OPERATIONS.md "Running"): where the server is
 * reached, and the public URL its invite links use. Rewritten at every start; a clean stop
 * keeps the file and sets `pid` to null.
 */
export interface ServerRecord {
  /** The server's process while it runs; null once it stopped cleanly. */
  readonly pid: number | null;
  /** Base of the server's invite links, with the port it listens on when it asked for any. */
  readonly publicUrl: string;
  /** Where a process on this machine reaches the server's HTTP API. */
  readonly localUrl: string;
  /** When the server started, as an ISO time. */
  readonly startedAt: string;
}

const RecordSchema = z.object({
  pid: z.number().int().positive().nullable(),
  publicUrl: z.url(),
  localUrl: z.url(),
  startedAt: z.string(),
});

/** `<dataDir>/server.json` holds something other than a server record; the message says what. */
export class ServerRecordError extends Error {
  override readonly name = 'ServerRecordError';
}

/** The server record's file inside a data dir. */
export function serverRecordFile(dataDir: string): string {
  return join(dataDir, 'server.json');
}

/** Writes the record in one rename, so a reader sees the old record or the new one. */
export function writeServerRecord(dataDir: string, record: ServerRecord): void {
  const file = serverRecordFile(dataDir);
  writeFileSync(`${file}.writing`, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(`${file}.writing`, file);
}

/** The record of the last server started on `dataDir`, or null when none recorded one. */
export function readServerRecord(dataDir: string): ServerRecord | null {
  const file = serverRecordFile(dataDir);
  if (!existsSync(file)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ServerRecordError(`${file} is not JSON (${(error as Error).message}); remove it, or restart the server`);
  }
  const parsed = RecordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ServerRecordError(
      `${file} is not a server record (${issue?.path.join('.') || 'record'}: ${issue?.message}); remove it, or restart the server`,
    );
  }
  return parsed.data;
}

/** Whether a process with `pid` exists (one of another user's counts). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The record of the server running on `dataDir` now, or null when none runs there. */
export function runningServer(dataDir: string): (ServerRecord & { readonly pid: number }) | null {
  const record = readServerRecord(dataDir);
  if (record?.pid == null || record.pid === process.pid || !isProcessAlive(record.pid)) return null;
  return { ...record, pid: record.pid };
}

/**
 * Where a process on this machine reaches a server listening on `host` and `port`: a server
 * listening on every address (`0.0.0.0`, `::`) is reached on loopback.
 */
export function localUrlOf(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

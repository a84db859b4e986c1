import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isValidRoomId } from '@plenary/protocol';
import { backup, restore } from './backup.js';
import { roomsCommand } from './cli-rooms.js';
import { tokenCommand } from './cli-token.js';
import { UsageError } from './cli-usage.js';
import { verifyCommand } from './cli-verify.js';
import { parseConfig } from './config.js';
import { HttpError } from './errors.js';
import { exportRoom, parseExportQuery, RevisionNotFoundError } from './export-route.js';
import { main } from './main.js';
import { openStorage } from './storage/open-storage.js';

const HELP = `Usage: plenary <command> [options]

Commands:
  serve                                  start the server (same as pnpm start)
  token --room R --delegation D --role ROLE [--name N] [--sub ID] [--ttl 14d] [--json]
                                         mint a token; prints the token, then the invite URL
                                         (--json: one JSON object instead); warns on stderr when
                                         the room does not exist or is archived
                                         (--room '*' mints an operator token)
  rooms [--json]                         list stored rooms
  rooms create --title T [--template ID] [--id ROOM] [--symbol S] [--delegation D] [--name N] [--json]
                                         create a room (through the running server, if one runs
                                         on the data dir); prints the chair's token, then the
                                         invite URL (--json: one JSON object instead)
  export --room R --format F [--mode M] [--revision ID] [--against ID] --out FILE
                                         export a draft (F: docx pdf html md akn json;
                                         M: clean compilation changes agreed concordance);
                                         --revision: an issued revision's id (default: the
                                         current draft); changes and concordance need
                                         --against ID (a revision, or zero: the template)
  verify FILE                            check a JSON export: its document and, for a
                                         revision, the hash chain; names a failing revision
  backup FILE                            write a consistent backup (safe while the server runs)
  restore FILE                           replace the data with a backup (server stopped)

Configuration comes from the environment, as for the server: PLENARY_DATA_DIR (default ./data),
PLENARY_SECRET, PLENARY_PUBLIC_URL, HOST, PORT. Invite links use, first of: PLENARY_PUBLIC_URL;
the public URL of the server running on the data dir (recorded in <data dir>/server.json);
http://HOST:PORT when HOST or PORT is set; the URL the last server there recorded;
http://127.0.0.1:1234.`;

async function exportCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      room: { type: 'string' },
      format: { type: 'string' },
      mode: { type: 'string' },
      revision: { type: 'string' },
      against: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const room = values.room ?? '';
  if (!isValidRoomId(room)) throw new UsageError(`--room must be a room id, got ${JSON.stringify(room)}`);
  if (!values.out) throw new UsageError('--out FILE is required');
  const query = new URLSearchParams();
  for (const key of ['format', 'mode', 'revision', 'against'] as const) {
    const value = values[key];
    if (value !== undefined) query.set(key, value);
  }
  let request: ReturnType<typeof parseExportQuery>;
  try {
    request = parseExportQuery(query);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const config = parseConfig(process.env);
  const storage = openStorage(config);
  try {
    await storage.migrate();
    const record = await storage.getRoom(room);
    if (!record) throw new Error(`room not found: ${room}`);
    const result = await exportRoom(storage, null, record, request).catch((error: unknown) => {
      if (error instanceof RevisionNotFoundError) throw new UsageError(error.message);
      throw error;
    });
    const file = resolve(values.out);
    writeFileSync(file, result.body);
    console.log(`${result.fileName} (${result.contentType}, ${result.body.byteLength} bytes) written to ${file}`);
  } finally {
    await storage.close();
  }
}

function fileArg(args: string[], command: string): string {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError(`${command} takes exactly one FILE`);
  // `resolve`, not `join`: an absolute FILE must stay absolute.
  return resolve(positionals[0] as string);
}

/** Runs the CLI with `argv` (without node and script). Returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        console.log(HELP);
        return 0;
      case 'serve':
        await main();
        return -1;
      case 'token':
        await tokenCommand(args);
        return 0;
      case 'rooms':
        await roomsCommand(args);
        return 0;
      case 'export':
        await exportCommand(args);
        return 0;
      case 'verify':
        return verifyCommand(fileArg(args, 'verify'));
      case 'backup': {
        const config = parseConfig(process.env);
        const file = fileArg(args, 'backup');
        await backup(config.dataDir, file);
        console.log(`backup written to ${file}`);
        return 0;
      }
      case 'restore': {
        const config = parseConfig(process.env);
        const file = fileArg(args, 'restore');
        await restore(config.dataDir, file);
        console.log(`restored ${file} into ${config.dataDir}`);
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
      console.error(`plenary: ${error.message}\n\n${HELP}`);
      return 2;
    }
    // An HTTP-shaped refusal (an unreadable draft) keeps its cause apart; name it here.
    const cause = error instanceof HttpError && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    console.error(`plenary: ${(error as Error).message}${cause}`);
    return 1;
  }
}

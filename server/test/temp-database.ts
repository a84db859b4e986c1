import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/** A test's own folder and the database file path in it. */
export interface TempDatabase {
  readonly dir: string;
  readonly file: string;
}

/**
 * Gives every test of the enclosing `describe` a fresh folder (named from `prefix`, removed after
 * the test) and the path of `plenary.db` in it; read the fields inside the tests.
 */
export function useTempDatabase(prefix: string): TempDatabase {
  const temp = { dir: '', file: '' };
  beforeEach(() => {
    temp.dir = mkdtempSync(join(tmpdir(), prefix));
    temp.file = join(temp.dir, 'plenary.db');
  });
  afterEach(() => {
    rmSync(temp.dir, { recursive: true, force: true });
  });
  return temp;
}

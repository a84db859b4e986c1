import { readFileSync } from 'node:fs';
import { VerifyInputError, verifyExport } from '@plenary/export';
import { UsageError } from './cli-usage.js';

/**
 * `plenary verify FILE`: checks a JSON export from the file alone (its document against its
 * sha256 and, for a revision, the hash chain of every revision up to it). Prints what was
 * verified and returns 0, or names the revision whose check failed and returns 1. A file that
 * cannot be read or is not a Plenary JSON export is a usage error (exit 2).
 */
export function verifyCommand(file: string): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let report: ReturnType<typeof verifyExport>;
  try {
    report = verifyExport(text);
  } catch (error) {
    if (error instanceof VerifyInputError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
  if (report.ok) {
    console.log(
      report.revision
        ? `verified: ${report.revision.label} (${report.revision.id}), sha256 ${report.revision.hash}, chain of ${report.revisions} revision${report.revisions === 1 ? '' : 's'}`
        : 'verified: the document matches its sha256 (not a revision: no chain to check)',
    );
    return 0;
  }
  const where = report.revision ? `revision ${report.revision.label} (${report.revision.id})` : 'the document';
  console.error(`plenary verify: FAILED: ${where}: ${report.reason}`);
  return 1;
}

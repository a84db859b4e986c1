import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const XSD = fileURLToPath(new URL('../../../tests/fixtures/akn/akomantoso30.xsd', import.meta.url));

/** Runs xmllint against the Akoma Ntoso 3.0 schema; returns its complaint, or '' when valid. */
export function validateAkn(xml: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-akn-'));
  const file = join(dir, 'draft.akn.xml');
  try {
    writeFileSync(file, xml);
    execFileSync('/usr/bin/xmllint', ['--noout', '--nonet', '--schema', XSD, file], { stdio: 'pipe' });
    return '';
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

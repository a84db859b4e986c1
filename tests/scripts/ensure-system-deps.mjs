#!/usr/bin/env node
// Makes sure the system programs the test suite drives are installed: Chromium for the
// end-to-end tests, xmllint and LibreOffice for the export tests. As root on Debian they are
// installed with apt; otherwise the script says exactly what to install and exits non-zero.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const needed = [
  { path: chromium, apt: 'chromium', what: 'Chromium (for end-to-end tests)' },
  { path: '/usr/bin/xmllint', apt: 'libxml2-utils', what: 'xmllint (validates Akoma Ntoso exports)' },
  { path: '/usr/bin/soffice', apt: 'libreoffice-writer', what: 'LibreOffice Writer (opens DOCX exports)' },
  { path: '/usr/bin/pdftotext', apt: 'poppler-utils', what: 'pdftotext (reads PDF exports back)' },
];
const missing = needed.filter((program) => !existsSync(program.path));
if (missing.length === 0) process.exit(0);

const packages = missing.map((program) => program.apt);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
  console.log(`Installing ${packages.join(', ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
  const still = missing.filter((program) => !existsSync(program.path));
  if (still.length === 0) process.exit(0);
  console.error(`Still missing after apt-get: ${still.map((p) => p.path).join(', ')}`);
  process.exit(1);
}
console.error('The test suite needs these programs, which are not installed:');
for (const program of missing) console.error(`  - ${program.what}: expected at ${program.path}`);
console.error(`Install them, e.g. on Debian/Ubuntu: sudo apt-get install -y ${packages.join(' ')}`);
console.error('or point CHROMIUM_PATH at an installed Chromium.');
process.exit(1);

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DESIGN = join(ROOT, 'docs', 'DESIGN.md');
/** This file, whose examples are not citations. */
const SELF = fileURLToPath(import.meta.url);

/** Top-level folders and files whose sources and docs may cite the design. */
const SCANNED = ['server', 'packages', 'apps', 'tests', 'docs', 'README.md'];
const SOURCE = /\.(?:ts|tsx|mts|mjs|js|md)$/;
const SKIPPED = new Set(['node_modules', 'dist', '.tmp', 'fixtures', 'data']);

/** A section number cited as "DESIGN §4" or "DESIGN §4.3". */
const CITATION = /DESIGN §(\d+(?:\.\d+)*)/g;
/** A numbered heading of docs/DESIGN.md: "## 4. Server", "### 4.3 Chair operations". */
const HEADING = /^#{2,6} (\d+(?:\.\d+)*)\.? /gm;

interface Citation {
  readonly file: string;
  readonly line: number;
  readonly section: string;
}

/** Every file under `path` (a file or a folder) that may hold a citation. */
function sourceFiles(path: string): string[] {
  const entries = readdirSync(path, { withFileTypes: true });
  return entries.flatMap((entry) => {
    const full = join(path, entry.name);
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : sourceFiles(full);
    return entry.isFile() && SOURCE.test(entry.name) && full !== SELF ? [full] : [];
  });
}

/** The design citations in `text`, with their line numbers. */
function citationsIn(file: string, text: string): Citation[] {
  return [...text.matchAll(CITATION)].map((match) => ({
    file,
    line: text.slice(0, match.index).split('\n').length,
    section: match[1] ?? '',
  }));
}

/** The section numbers that docs/DESIGN.md has headings for. */
function sectionsOf(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(HEADING)].map((match) => match[1] ?? ''));
}

function repoCitations(): Citation[] {
  return SCANNED.flatMap((name) => {
    const path = join(ROOT, name);
    const files = name.endsWith('.md') ? [path] : sourceFiles(path);
    return files.flatMap((file) => citationsIn(relative(ROOT, file), readFileSync(file, 'utf8')));
  });
}

describe('design citations', () => {
  it('reads section numbers from numbered headings', () => {
    const sections = sectionsOf('# Title\n\n## 1. Vocabulary\n\n### 4.3 Rooms\n\ntext 2. not a heading\n');
    expect([...sections]).toEqual(['1', '4.3']);
  });

  it('finds citations with their lines, stopping at a sentence full stop', () => {
    const found = citationsIn('a.ts', 'x\n// see DESIGN §4.\n// and DESIGN §4.3 here');
    expect(found).toEqual([
      { file: 'a.ts', line: 2, section: '4' },
      { file: 'a.ts', line: 3, section: '4.3' },
    ]);
  });

  it('resolves every citation in the sources and docs to a heading of docs/DESIGN.md', () => {
    const sections = sectionsOf(readFileSync(DESIGN, 'utf8'));
    const citations = repoCitations();
    expect(citations.length).toBeGreaterThan(0);
    const dangling = citations
      .filter((citation) => !sections.has(citation.section))
      .map(({ file, line, section }) => `${file}:${line} cites DESIGN §${section}`);
    expect(dangling).toEqual([]);
  });
});

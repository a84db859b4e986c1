const NOTES_END = '<!-- notes:end -->';

/**
 * Replaces the block of docs/BENCHMARKS.md between `<!-- name:start -->` and `<!-- name:end -->`
 * with `section` (which carries those markers), or adds it at the end of the notes (inside them,
 * so that the server workloads' report keeps it when it rewrites the file).
 */
export function replaceSection(report: string, name: string, section: string): string {
  const startMark = `<!-- ${name}:start -->`;
  const endMark = `<!-- ${name}:end -->`;
  const start = report.indexOf(startMark);
  const end = report.indexOf(endMark);
  if (start >= 0 && end > start) return report.slice(0, start) + section + report.slice(end + endMark.length);
  const notesEnd = report.indexOf(NOTES_END);
  if (notesEnd >= 0) return `${report.slice(0, notesEnd)}${section}\n\n${report.slice(notesEnd)}`;
  return `${report.trimEnd()}\n\n${section}\n`;
}

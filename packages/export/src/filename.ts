import type { ExportFormat, ExportMode } from './formats.js';

const EXTENSIONS: Readonly<Record<ExportFormat, string>> = {
  docx: 'docx',
  pdf: 'pdf',
  html: 'html',
  md: 'md',
  akn: 'akn.xml',
  json: 'json',
};

/** Longest base name kept before the revision, mode and extension. */
const MAX_BASE_LENGTH = 80;

/**
 * Makes one part of a file name safe on every file system and in a `Content-Disposition`
 * header: accents folded, anything outside `[A-Za-z0-9._]` (a symbol's `/` included) becomes
 * `-`, runs collapsed, leading dots and dashes dropped (no hidden files, no `..`).
 */
export function safeFileNamePart(value: string, fallback: string): string {
  const folded = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, MAX_BASE_LENGTH)
    .replace(/[-.]+$/g, '');
  return folded.length > 0 ? folded : fallback;
}

/**
 * The export's file name: `<symbol or title>-<revision or "current">-<mode>.<ext>`, for example
 * `A-AC.294-2026-WP.1-current-clean.docx`. Every part is made safe with {@link safeFileNamePart}.
 */
export function exportFileName(
  room: { readonly title: string; readonly symbol?: string | null },
  revision: string | null | undefined,
  mode: ExportMode,
  format: ExportFormat,
): string {
  const base = safeFileNamePart(room.symbol?.trim() || room.title, 'draft');
  const rev = revision ? safeFileNamePart(revision, 'revision') : 'current';
  return `${base}-${rev}-${mode}.${EXTENSIONS[format]}`;
}

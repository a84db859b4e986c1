/** Export formats (DESIGN §5). */
export const EXPORT_FORMATS = ['docx', 'pdf', 'html', 'md', 'akn', 'json'] as const;
/** One export format. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Export modes (DESIGN §5, modes table), and `concordance`: the table of each clause's label in
 * an earlier version against its label in this one (needs `against`).
 */
export const EXPORT_MODES = ['clean', 'compilation', 'changes', 'agreed', 'concordance'] as const;
/** One export mode. */
export type ExportMode = (typeof EXPORT_MODES)[number];

/**
 * The modes each format supports. JSON is the document itself, so it has one mode; Akoma
 * Ntoso has no compilation mode (its changes view carries proposers and stances, and clause
 * status has no place in AKN4UN yet).
 * Keep `docs/EXPORT.md` in step with this table.
 */
export const FORMAT_MODES: Readonly<Record<ExportFormat, readonly ExportMode[]>> = {
  docx: ['clean', 'compilation', 'changes', 'agreed', 'concordance'],
  pdf: ['clean', 'compilation', 'changes', 'agreed'],
  html: ['clean', 'compilation', 'changes', 'agreed', 'concordance'],
  md: ['clean', 'compilation', 'changes', 'agreed', 'concordance'],
  akn: ['clean', 'changes', 'agreed'],
  json: ['clean'],
};

/** MIME types sent with each format. */
export const CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  akn: 'application/akn+xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** Whether `value` is one of {@link EXPORT_FORMATS}. */
export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** Whether `value` is one of {@link EXPORT_MODES}. */
export function isExportMode(value: unknown): value is ExportMode {
  return typeof value === 'string' && (EXPORT_MODES as readonly string[]).includes(value);
}

/** Whether `format` can be exported in `mode` (see {@link FORMAT_MODES}). */
export function supportsMode(format: ExportFormat, mode: ExportMode): boolean {
  return FORMAT_MODES[format].includes(mode);
}

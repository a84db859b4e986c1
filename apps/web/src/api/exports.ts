import { ApiError, readErrorBody, ServerUnreachableError } from './http.js';
import type { Role } from './rooms.js';

/** Export formats the server writes (docs/EXPORT.md). */
export type ExportFormat = 'docx' | 'pdf' | 'html' | 'md' | 'akn' | 'json';
/** Export modes (docs/EXPORT.md). */
export type ExportMode = 'clean' | 'compilation' | 'changes' | 'agreed';

/** The formats in the order the menu lists them, with their names for people. */
export const EXPORT_FORMAT_LABELS: Readonly<Record<ExportFormat, string>> = {
  docx: 'Word (.docx)',
  pdf: 'PDF',
  html: 'Web page (.html)',
  md: 'Markdown (.md)',
  akn: 'Akoma Ntoso XML',
  json: 'JSON (Plenary)',
};

/** The modes with their names for people. */
export const EXPORT_MODE_LABELS: Readonly<Record<ExportMode, string>> = {
  clean: 'Clean text',
  compilation: 'Compilation',
  changes: 'Changes since the zero draft',
  agreed: 'Agreed text only',
};

/**
 * The modes each format supports. A copy of `FORMAT_MODES` in packages/export/src/formats.ts
 * (the web app does not bundle the exporter); tests/e2e/export-menu.test.ts checks they agree.
 */
export const FORMAT_MODES: Readonly<Record<ExportFormat, readonly ExportMode[]>> = {
  docx: ['clean', 'compilation', 'changes', 'agreed'],
  pdf: ['clean', 'compilation', 'changes', 'agreed'],
  html: ['clean', 'compilation', 'changes', 'agreed'],
  md: ['clean', 'compilation', 'changes', 'agreed'],
  akn: ['clean', 'changes', 'agreed'],
  json: ['clean'],
};

/** The modes `role` may export in `format`: observers only `clean` (the server answers 403 otherwise). */
export function modesFor(format: ExportFormat, role: Role): readonly ExportMode[] {
  return role === 'observer' ? FORMAT_MODES[format].filter((mode) => mode === 'clean') : FORMAT_MODES[format];
}

/** A finished export: the file and the name the server gave it. */
export interface ExportFile {
  readonly blob: Blob;
  readonly fileName: string;
}

/** The file name of a `Content-Disposition: attachment; filename="…"` header, or null. */
export function dispositionFileName(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // Fall through to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(header);
  const name = plain?.[1] ?? plain?.[2] ?? '';
  return name.length > 0 ? name : null;
}

/**
 * Fetches the room's draft in `format` and `mode` (`changes` is against the zero draft).
 * Rejects with {@link ApiError} on the server's error answer (400, 403, 404 …) and with
 * {@link ServerUnreachableError} when no usable answer came; `signal` aborts the request.
 */
export async function fetchExport(
  room: string,
  token: string,
  format: ExportFormat,
  mode: ExportMode,
  signal?: AbortSignal,
): Promise<ExportFile> {
  const query = new URLSearchParams({ format, mode });
  if (mode === 'changes') query.set('against', 'zero');
  const path = `/api/rooms/${encodeURIComponent(room)}/export?${query}`;
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { authorization: `Bearer ${token}` },
      cache: 'no-store',
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ServerUnreachableError(error instanceof Error ? error.message : 'network error');
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    const error = readErrorBody(body);
    if (!error) throw new ServerUnreachableError(`unexpected answer (${response.status}) from the export`);
    throw new ApiError(response.status, error.code, error.message);
  }
  const blob = await response.blob();
  const fileName = dispositionFileName(response.headers.get('content-disposition')) ?? `${room}-${mode}.${format}`;
  return { blob, fileName };
}

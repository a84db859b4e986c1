import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import {
  EXPORT_FORMAT_LABELS,
  EXPORT_MODE_LABELS,
  type ExportFile,
  type ExportFormat,
  type ExportMode,
  fetchExport,
  modesFor,
} from '../api/exports.js';
import { ApiError } from '../api/http.js';
import type { Role } from '../api/rooms.js';

type ExportState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'preparing' }
  | { readonly kind: 'done'; readonly fileName: string }
  | { readonly kind: 'failed'; readonly message: string };

const FORMATS = Object.keys(EXPORT_FORMAT_LABELS) as ExportFormat[];

/** Hands a fetched file to the browser as a download under the server's file name. */
function saveFile(file: ExportFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function failureMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'The server could not be reached. Check the connection and try again.';
}

/**
 * "Export" in the room header: a disclosure with the format, the modes the server supports for
 * it (observers: clean only) and a Download button that fetches the export with the room's
 * token and saves it under the server's file name.
 */
export function ExportMenu({ room, token, role }: { room: string; token: string; role: Role }) {
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<ExportFormat>('docx');
  const [chosenMode, setChosenMode] = useState<ExportMode>('clean');
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  const containerRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const formatRef = useRef<HTMLSelectElement>(null);
  const pending = useRef<AbortController | null>(null);
  const id = useId();

  const modes = modesFor(format, role);
  const mode = modes.includes(chosenMode) ? chosenMode : 'clean';
  const preparing = state.kind === 'preparing';

  // Abort a running export when the room closes.
  useEffect(() => () => pending.current?.abort(), []);

  useEffect(() => {
    if (!open) return;
    formatRef.current?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    };
    // Escape closes the panel from anywhere inside it and gives focus back to the toggle.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !containerRef.current?.contains(document.activeElement)) return;
      setOpen(false);
      toggleRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  const download = async (event: FormEvent) => {
    event.preventDefault();
    if (preparing) return;
    const controller = new AbortController();
    pending.current = controller;
    setState({ kind: 'preparing' });
    try {
      const file = await fetchExport(room, token, format, mode, controller.signal);
      saveFile(file);
      setState({ kind: 'done', fileName: file.fileName });
    } catch (error) {
      if (controller.signal.aborted) return;
      setState({ kind: 'failed', message: failureMessage(error) });
    } finally {
      if (pending.current === controller) pending.current = null;
    }
  };

  return (
    <div className="export-menu" ref={containerRef}>
      <button
        ref={toggleRef}
        type="button"
        className="export-toggle"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen((o) => !o)}
      >
        Export
        <span className="export-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <form
        id={`${id}-panel`}
        className="export-panel"
        hidden={!open}
        aria-label="Export the draft"
        aria-busy={preparing}
        onSubmit={(event) => void download(event)}
      >
        <label>
          Format
          <select
            ref={formatRef}
            name="export-format"
            value={format}
            disabled={preparing}
            onChange={(e) => {
              setFormat(e.target.value as ExportFormat);
              setState({ kind: 'idle' });
            }}
          >
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {EXPORT_FORMAT_LABELS[f]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Mode
          <select
            name="export-mode"
            value={mode}
            disabled={preparing || modes.length < 2}
            aria-describedby={role === 'observer' ? `${id}-observer` : undefined}
            onChange={(e) => {
              setChosenMode(e.target.value as ExportMode);
              setState({ kind: 'idle' });
            }}
          >
            {modes.map((m) => (
              <option key={m} value={m}>
                {EXPORT_MODE_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
        {role === 'observer' && (
          <p className="export-note" id={`${id}-observer`}>
            Observers can export the clean text.
          </p>
        )}
        <button type="submit" className="primary" disabled={preparing}>
          {preparing ? 'Preparing…' : 'Download'}
        </button>
        <output className="export-status" aria-live="polite" data-testid="export-status">
          {state.kind === 'preparing' && 'Preparing the file…'}
          {state.kind === 'done' && `Downloaded ${state.fileName}`}
        </output>
        {state.kind === 'failed' && (
          <p className="form-error" role="alert" data-testid="export-error">
            The export failed: {state.message}
          </p>
        )}
      </form>
    </div>
  );
}

import { type FormEvent, useState } from 'react';

interface RoomTitleEditorProps {
  readonly title: string;
  readonly symbol: string | null;
  readonly onSave: (change: { title: string; symbol: string | null }) => Promise<void>;
  readonly onClose: () => void;
}

/** The chair's form to rename the room or set its document symbol. */
export function RoomTitleEditor({ title, symbol, onSave, onClose }: RoomTitleEditorProps) {
  const [draftTitle, setDraftTitle] = useState(title);
  const [draftSymbol, setDraftSymbol] = useState(symbol ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSave({ title: draftTitle.trim(), symbol: draftSymbol.trim() || null });
      onClose();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : 'The change was not saved');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="title-editor" onSubmit={(event) => void submit(event)}>
      <label>
        Title
        <input value={draftTitle} onChange={(e) => setDraftTitle(e.target.value)} required maxLength={200} />
      </label>
      <label>
        Symbol
        <input
          value={draftSymbol}
          onChange={(e) => setDraftSymbol(e.target.value)}
          maxLength={100}
          placeholder="A/AC.294/2026/WP.1"
        />
      </label>
      <div className="form-actions">
        <button type="submit" disabled={busy || draftTitle.trim() === ''}>
          Save
        </button>
        <button type="button" className="quiet" onClick={onClose}>
          Cancel
        </button>
      </div>
      {error && <p className="form-error">{error}</p>}
    </form>
  );
}

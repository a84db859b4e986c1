import { type FormEvent, useState } from 'react';
import { createRoom } from '../api/rooms.js';
import type { TemplateSummary } from '../api/templates.js';
import { rememberRoom, storeToken } from '../local/known-rooms.js';
import { navigate } from '../routing/route.js';

/** Title, symbol and the creator's name for a new room from `template`; creates and enters it. */
export function CreateRoomForm({ template }: { template: TemplateSummary | null }) {
  const [title, setTitle] = useState('');
  const [symbol, setSymbol] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!template) return;
    setBusy(true);
    setError(null);
    try {
      const created = await createRoom({
        title: title.trim(),
        template: template.id,
        ...(symbol.trim() ? { symbol: symbol.trim() } : {}),
        ...(name.trim() ? { name: name.trim() } : {}),
      });
      storeToken(created.room.id, created.token);
      rememberRoom({
        room: created.room.id,
        title: created.room.title,
        symbol: created.room.symbol,
        role: 'chair',
        delegation: 'Chair',
        lastChange: Date.now(),
      });
      navigate(`/rooms/${created.room.id}`);
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : 'The room could not be created');
      setBusy(false);
    }
  };

  return (
    <form className="create-form" onSubmit={(event) => void submit(event)}>
      <label>
        Title of the draft
        <input
          name="title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="Norms on prior notification of launches"
          required
          maxLength={200}
        />
      </label>
      <label>
        Document symbol <span className="optional">(optional)</span>
        <input
          name="symbol"
          value={symbol}
          onChange={(e) => setSymbol(e.target.value)}
          placeholder="A/AC.294/2026/WP.1"
          maxLength={100}
        />
      </label>
      <label>
        Your name <span className="optional">(shown to the room; you join as Chair)</span>
        <input name="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
      </label>
      <button type="submit" className="primary" disabled={busy || !template || title.trim() === ''}>
        {busy ? 'Creating…' : template ? 'Create the draft' : 'Choose a template'}
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

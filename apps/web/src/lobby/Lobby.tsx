import { useState } from 'react';
import { CreateRoomForm } from './CreateRoomForm.js';
import { KnownRoomList } from './KnownRoomList.js';
import { TemplateGallery } from './TemplateGallery.js';
import { TemplatePreview } from './TemplatePreview.js';
import { useTemplates } from './use-templates.js';

/** `/`: start a draft from a template, or go back to a room joined in this browser. */
export function Lobby() {
  const templates = useTemplates();
  const [chosen, setChosen] = useState<string | null>(null);
  const list = templates.state === 'ready' ? templates.templates : [];
  const selected = list.find((t) => t.id === chosen) ?? list[0] ?? null;

  return (
    <div className="lobby">
      <header className="lobby-header">
        <p className="brand">Plenary</p>
        <h1>Drafting norms of responsible behaviour in outer space</h1>
        <p className="lede">
          Start a draft from a template built on the responsible-behaviour criteria, then invite delegations to draft it
          together.
        </p>
      </header>
      <div className="lobby-columns">
        <section className="lobby-create" aria-labelledby="create-heading">
          <h2 id="create-heading">Start a draft</h2>
          {templates.state === 'loading' && <p className="muted">Loading templates…</p>}
          {templates.state === 'failed' && (
            <p className="form-error" role="alert">
              The templates could not be loaded ({templates.message}).
            </p>
          )}
          <TemplateGallery templates={list} selected={selected?.id ?? null} onSelect={setChosen} />
        </section>
        <aside className="lobby-side">
          {selected && <TemplatePreview template={selected} />}
          <CreateRoomForm template={selected} />
          <section className="panel" aria-labelledby="rooms-heading">
            <h2 id="rooms-heading">Your rooms</h2>
            <KnownRoomList />
          </section>
        </aside>
      </div>
    </div>
  );
}

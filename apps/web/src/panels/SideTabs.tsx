import { type KeyboardEvent, type ReactNode, useId, useRef, useState } from 'react';
import './SideTabs.css';

/** One tab of the side column. */
export interface SideTab {
  readonly id: string;
  readonly label: string;
  /** A short count drawn after the label ("2"), when there is something to notice. */
  readonly badge?: string;
  /** The tab's accessible name when it says more than the label ("Comments, 2 unread"). */
  readonly name?: string;
  /** The panel's content; only the selected tab's panel is drawn. */
  readonly render: () => ReactNode;
}

/** The tab last selected under `key` in this browser tab, if storage is readable. */
function rememberedTab(key: string | undefined): string | null {
  if (!key) return null;
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

/**
 * ARIA tabs: one tab stop on the tab list, arrow keys (and Home, End) move and select,
 * the selected panel follows the list and is focusable. With `rememberAs`, the selection is
 * kept in the browser tab's session storage, so a reload reopens the panel that was open.
 */
export function SideTabs({
  tabs,
  label,
  rememberAs,
}: {
  tabs: readonly SideTab[];
  label: string;
  rememberAs?: string;
}) {
  const [selected, setSelectedState] = useState(() => rememberedTab(rememberAs) ?? tabs[0]?.id ?? '');
  const setSelected = (id: string) => {
    setSelectedState(id);
    if (!rememberAs) return;
    try {
      sessionStorage.setItem(rememberAs, id);
    } catch {
      // Storage may be full or disabled; the selection then lasts until the next reload.
    }
  };
  const base = useId();
  const list = useRef<HTMLDivElement>(null);
  const current = tabs.find((t) => t.id === selected) ?? tabs[0];

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((t) => t.id === current?.id);
    const moves: Record<string, number> = {
      ArrowRight: (index + 1) % tabs.length,
      ArrowLeft: (index - 1 + tabs.length) % tabs.length,
      Home: 0,
      End: tabs.length - 1,
    };
    const target = tabs[moves[event.key] ?? -1];
    if (!target) return;
    event.preventDefault();
    setSelected(target.id);
    list.current?.querySelector<HTMLElement>(`#${CSS.escape(`${base}-tab-${target.id}`)}`)?.focus();
  };

  return (
    <div className="side-tabs">
      <div className="side-tablist" role="tablist" aria-label={label} ref={list} onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            id={`${base}-tab-${tab.id}`}
            type="button"
            role="tab"
            aria-selected={tab.id === current?.id}
            aria-controls={`${base}-panel-${tab.id}`}
            tabIndex={tab.id === current?.id ? 0 : -1}
            data-tab={tab.id}
            onClick={() => setSelected(tab.id)}
            aria-label={tab.name}
          >
            {tab.label}
            {tab.badge && (
              <span className="tab-badge" aria-hidden="true">
                {tab.badge}
              </span>
            )}
          </button>
        ))}
      </div>
      {current && (
        <div
          className="side-tabpanel panel"
          role="tabpanel"
          id={`${base}-panel-${current.id}`}
          aria-labelledby={`${base}-tab-${current.id}`}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a tab panel is focusable per the ARIA tabs pattern
          tabIndex={0}
        >
          {current.render()}
        </div>
      )}
    </div>
  );
}

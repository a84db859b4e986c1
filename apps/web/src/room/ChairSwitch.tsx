import { useState } from 'react';

interface ChairSwitchProps {
  /** The button's `data-action`. */
  readonly action: string;
  readonly label: string;
  /** The state as the server last pushed it: the switch follows the push every client gets. */
  readonly pressed: boolean;
  readonly disabled: boolean;
  /** What the switch does, said on hover, for each state. */
  readonly titles: { readonly on: string; readonly off: string };
  /** Asks the server for the other state; a rejection's message becomes the title. */
  readonly onToggle: (next: boolean) => Promise<void>;
}

/**
 * A chair's switch of a room setting (formal mode, frozen numbering): pressed as the server
 * says, so every window shows the same state; a refusal is said on hover.
 */
export function ChairSwitch({ action, label, pressed, disabled, titles, onToggle }: ChairSwitchProps) {
  const [error, setError] = useState<string | null>(null);
  return (
    <button
      type="button"
      className="suggest-toggle chair-switch"
      data-action={action}
      aria-pressed={pressed}
      disabled={disabled}
      title={error ?? (pressed ? titles.on : titles.off)}
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => {
        setError(null);
        onToggle(!pressed).catch((failure: unknown) =>
          setError(failure instanceof Error ? failure.message : 'The setting could not be changed.'),
        );
      }}
    >
      {label}
    </button>
  );
}

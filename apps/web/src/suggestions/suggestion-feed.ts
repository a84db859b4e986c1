import type { SuggestionRecord, SuggestionsPayload } from '@plenary/protocol';

/**
 * The room's suggestion records as the server pushes them (message 106, `?ext=suggestions`):
 * the whole list on every connect, then the records created or changed. A later copy of a record
 * replaces the one held; records are never dropped while the room is open. Subscribe with
 * {@link subscribe}/{@link getSnapshot} (`useSyncExternalStore`).
 */
export class SuggestionFeed {
  private readonly records = new Map<string, SuggestionRecord>();
  private snapshot: ReadonlyMap<string, SuggestionRecord> = new Map();
  private openCount = 0;
  private readonly listeners = new Set<() => void>();

  /** Applies a `suggestions` message from the server. */
  receive(payload: SuggestionsPayload): void {
    for (const record of payload.suggestions) this.records.set(record.id, record);
    this.emit();
  }

  /** Takes a record from an HTTP answer (a decision this client asked for). */
  upsert(record: SuggestionRecord): void {
    this.records.set(record.id, record);
    this.emit();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Every known record by mark id; a new map after each change. */
  readonly getSnapshot = (): ReadonlyMap<string, SuggestionRecord> => this.snapshot;

  /**
   * How many of the records are open. A number, so a component that shows only the count
   * (`useSyncExternalStore(feed.subscribe, feed.getOpenCount)`) is not drawn again when a push
   * changes only a record's text, as each keystroke of its author does.
   */
  readonly getOpenCount = (): number => this.openCount;

  private emit(): void {
    this.snapshot = new Map(this.records);
    let open = 0;
    for (const record of this.records.values()) if (record.status === 'open') open++;
    this.openCount = open;
    for (const listener of this.listeners) listener();
  }
}

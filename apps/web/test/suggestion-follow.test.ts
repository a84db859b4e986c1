import type { Transaction } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { suggestionDecorationsKey } from '../src/suggestions/suggestion-decorations.js';
import { SuggestionFeed } from '../src/suggestions/suggestion-feed.js';
import { SuggestionWriter } from '../src/suggestions/suggestion-writer.js';
import { followRecords, type RecordsTarget } from '../src/suggestions/use-room-suggestions.js';
import { record, state } from './suggestion-fixture.js';

/** An editor holding France's insertion `s1`, counting the transactions it is given. */
function editor(): RecordsTarget & { readonly dispatched: Transaction[] } {
  const dispatched: Transaction[] = [];
  const target = {
    state: state(),
    isDestroyed: false,
    dispatched,
    dispatch(tr: Transaction) {
      dispatched.push(tr);
      target.state = target.state.apply(tr);
    },
  };
  return target;
}

describe('following the room’s suggestion records', () => {
  it('redraws the suggestion colours for a new record, not for a push changing only its text or status', () => {
    const feed = new SuggestionFeed();
    const writer = new SuggestionWriter('France', 'delegate');
    const view = editor();
    const stop = followRecords(feed, writer, view);
    expect(view.dispatched).toHaveLength(0);

    feed.receive({ kind: 'changed', suggestions: [record()] });
    expect(view.dispatched).toHaveLength(1);
    expect(suggestionDecorationsKey.getState(view.state)?.records.get('s1')?.delegation).toBe('France');

    feed.receive({ kind: 'changed', suggestions: [record({ text: ' and peaceful States' })] });
    feed.receive({ kind: 'changed', suggestions: [record({ text: ' and peaceful States', status: 'accepted' })] });
    expect(view.dispatched).toHaveLength(1);
    // The writer reads every push: its formal-mode rules see the latest records.
    expect(writer.records.get('s1')?.status).toBe('accepted');

    feed.receive({ kind: 'changed', suggestions: [record({ id: 's2', delegation: 'Brazil' })] });
    expect(view.dispatched).toHaveLength(2);
    stop();
    feed.receive({ kind: 'changed', suggestions: [record({ id: 's3' })] });
    expect(view.dispatched).toHaveLength(2);
    expect(writer.records.has('s3')).toBe(false);
  });

  it('gives an editor that opens after the records arrived the records at once', () => {
    const feed = new SuggestionFeed();
    feed.receive({ kind: 'changed', suggestions: [record()] });
    const writer = new SuggestionWriter('Brazil', 'delegate');
    const view = editor();
    followRecords(feed, writer, view);
    expect(view.dispatched).toHaveLength(1);
    expect(writer.isOwn('s1')).toBe(false);
  });

  it('counts the open suggestions, and keeps the count when a push changes only a record’s text', () => {
    const feed = new SuggestionFeed();
    expect(feed.getOpenCount()).toBe(0);
    feed.receive({
      kind: 'changed',
      suggestions: [record(), record({ id: 's2' }), record({ id: 's3', status: 'rejected' })],
    });
    expect(feed.getOpenCount()).toBe(2);
    feed.receive({ kind: 'changed', suggestions: [record({ text: ' and peaceful States' })] });
    expect(feed.getOpenCount()).toBe(2);
    feed.upsert(record({ id: 's2', status: 'withdrawn' }));
    expect(feed.getOpenCount()).toBe(1);
  });
});

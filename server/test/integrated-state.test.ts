import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeIntegrated, INTEGRATED_STATE_YJS, pendingBytes } from '../src/integrated-state.js';

/** Two updates from one client: the second depends on the first. */
function chainedUpdates(): { first: Uint8Array; second: Uint8Array } {
  const source = new Y.Doc();
  const text = source.getText('t');
  text.insert(0, 'stored ');
  const first = Y.encodeStateAsUpdate(source);
  const vector = Y.encodeStateVector(source);
  text.insert(7, 'PENDING');
  const second = Y.encodeStateAsUpdate(source, vector);
  return { first, second };
}

function textOf(update: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
}

describe('encodeIntegrated', () => {
  it('runs on the Yjs release line it reads the internals of', () => {
    const version: string = createRequire(import.meta.url)('yjs/package.json').version;
    expect(version.startsWith(`${INTEGRATED_STATE_YJS}.`)).toBe(true);
  });

  it('finds the pending fields where it expects them, with the shapes it relies on', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, chainedUpdates().second);
    const store = doc.store as unknown as Record<string, unknown>;
    expect(Object.hasOwn(store, 'pendingStructs')).toBe(true);
    expect(Object.hasOwn(store, 'pendingDs')).toBe(true);
    const pending = store.pendingStructs as { update?: unknown; missing?: unknown } | null;
    expect(pending?.update).toBeInstanceOf(Uint8Array);
    expect(pending?.missing).toBeInstanceOf(Map);
    expect(pendingBytes(doc)).toBeGreaterThan(0);
  });

  it('leaves out what Yjs holds pending, which the stock encoder would hand out', () => {
    const { first, second } = chainedUpdates();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, second);
    // The stock encoder carries the pending update along; a client would receive it.
    expect(Y.encodeStateAsUpdate(doc).byteLength).toBeGreaterThan(encodeIntegrated(doc).byteLength);
    Y.applyUpdate(doc, first);
    expect(doc.getText('t').toString()).toBe('stored PENDING');
  });

  it('gives only integrated content, and keeps the pending update for when its dependency arrives', () => {
    const { first, second } = chainedUpdates();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, second);
    expect(textOf(encodeIntegrated(doc))).toBe('');
    expect(pendingBytes(doc)).toBeGreaterThan(0);
    Y.applyUpdate(doc, first);
    expect(pendingBytes(doc)).toBe(0);
    expect(textOf(encodeIntegrated(doc))).toBe('stored PENDING');
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { COVERAGE_REFUSALS, prepareCoverageCheck } from '../src/suggestions/mark-coverage.js';
import { updatePlaces } from '../src/update-places.js';

/** A room's draft of one text: "Calls upon " then France's insertion "all States", then " to act;" with "to act" proposed for deletion by France. */
function room(): Y.Doc {
  const doc = new Y.Doc();
  const text = new Y.XmlText();
  doc.getXmlFragment('draft').insert(0, [text]);
  text.insert(0, 'Calls upon ');
  text.insert(11, 'all States', { insertion: { id: 'fr' } });
  text.insert(21, ' to act;', { insertion: null });
  text.format(22, 6, { deletion: { id: 'frd' } });
  return doc;
}

/** Runs `write` on a copy of the room's document and checks the update it makes against the room. */
function check(write: (text: Y.XmlText) => void, others: readonly string[] = ['fr', 'frd']): string | null {
  const server = room();
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const updates: Uint8Array[] = [];
  client.on('update', (update: Uint8Array) => updates.push(update));
  write(client.getXmlFragment('draft').get(0) as Y.XmlText);
  const update = Y.mergeUpdates(updates);
  const decoded = Y.decodeUpdate(update);
  const coverage = prepareCoverageCheck(
    server,
    decoded.structs,
    updatePlaces(server, decoded.structs),
    decoded.ds,
    (id) => others.includes(id),
  );
  const changed = new Set<object>();
  const note = (transaction: Y.Transaction) => {
    for (const type of transaction.changed.keys()) changed.add(type);
  };
  server.on('afterTransaction', note);
  Y.applyUpdate(server, update);
  server.off('afterTransaction', note);
  return coverage.afterApply(changed);
}

/** The attributes y-prosemirror writes a typed run with: every key of the text null but `marks`. */
const typed = (marks: Record<string, { id: string }> = {}) => ({ insertion: null, deletion: null, ...marks });

describe('mark coverage', () => {
  it("lets a writer type its own insertion inside another delegation's, which names that id", () => {
    const sent: string[] = [];
    expect(
      check((text) => {
        text.doc?.on('update', (update: Uint8Array) => {
          for (const struct of Y.decodeUpdate(update).structs) {
            if (struct instanceof Y.Item && struct.content instanceof Y.ContentFormat) {
              sent.push(JSON.stringify(struct.content.value));
            }
          }
        });
        text.insert(15, 'willing ', typed({ insertion: { id: 'br' } }));
      }),
    ).toBeNull();
    // Yjs writes France's insertion back after the new text.
    expect(sent).toContain(JSON.stringify({ id: 'fr' }));
  });

  it("lets a writer type plain text, or its own insertion, inside another delegation's deletion", () => {
    expect(check((text) => text.insert(15, 'willing ', typed()))).toBeNull();
    expect(check((text) => text.insert(25, 'BR ', typed({ insertion: { id: 'br' } })))).toBeNull();
  });

  it("lets new text fall under another delegation's deletion, as it does when written concurrently inside it", () => {
    expect(
      check((text) => text.insert(25, 'BR ', typed({ insertion: { id: 'br' }, deletion: { id: 'frd' } }))),
    ).toBeNull();
  });

  it("refuses new words under another delegation's insertion, though Yjs names no id for them", () => {
    expect(check((text) => text.insert(15, 'forged ', { insertion: { id: 'fr' } }))).toBe(
      COVERAGE_REFUSALS.newUnderInsertion,
    );
    expect(check((text) => text.insert(0, 'Forged ', typed({ insertion: { id: 'fr' } })))).toBe(
      COVERAGE_REFUSALS.newUnderInsertion,
    );
  });

  it("refuses widening another delegation's insertion or deletion over text already there", () => {
    expect(check((text) => text.format(0, 5, { insertion: { id: 'fr' } }))).toBe(COVERAGE_REFUSALS.widened);
    expect(check((text) => text.format(0, 5, { deletion: { id: 'frd' } }))).toBe(COVERAGE_REFUSALS.widened);
  });

  it("refuses moving the end of another delegation's deletion, which writes only a null format", () => {
    expect(check((text) => text.format(28, 1, { deletion: { id: 'frd' } }))).toBe(COVERAGE_REFUSALS.widened);
  });

  it('lets a delegation do all of that with its own marks', () => {
    expect(check((text) => text.insert(15, 'more ', { insertion: { id: 'fr' } }), [])).toBeNull();
    expect(check((text) => text.format(28, 1, { deletion: { id: 'frd' } }), [])).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { findDraftViolation } from '../src/draft-rules.js';

/** The rule applied to `update` as the server does: decoded once, then inspected. */
function violationIn(doc: Y.Doc, update: Uint8Array): string | null {
  return findDraftViolation(doc, Y.decodeUpdate(update).structs);
}

/** Runs `change` on a client copy of `server` and returns the update it produces. */
function updateFrom(server: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  change(client);
  return Y.encodeStateAsUpdate(client, before);
}

function pp(text: string, mark?: string): Y.XmlElement {
  const element = new Y.XmlElement('pp');
  const body = new Y.XmlElement('body');
  const content = new Y.XmlText();
  content.insert(0, text, mark ? { [mark]: {} } : {});
  body.insert(0, [content]);
  element.insert(0, [body]);
  return element;
}

describe('draft rules', () => {
  it('accepts schema nodes and marks in the draft', () => {
    const server = new Y.Doc();
    const update = updateFrom(server, (doc) => doc.getXmlFragment('draft').insert(0, [pp('Recognizing', 'em')]));
    expect(violationIn(server, update)).toBeNull();
  });

  it('refuses a node name outside the schema in the draft', () => {
    const server = new Y.Doc();
    const update = updateFrom(server, (doc) => doc.getXmlFragment('draft').insert(0, [new Y.XmlElement('script')]));
    expect(violationIn(server, update)).toMatch(/node "script"/);
  });

  it('refuses a mark name outside the schema in the draft', () => {
    const server = new Y.Doc();
    const update = updateFrom(server, (doc) => doc.getXmlFragment('draft').insert(0, [pp('Noting', 'onclick')]));
    expect(violationIn(server, update)).toMatch(/mark "onclick"/);
  });

  it('accepts y-prosemirror keys of overlapping marks', () => {
    const server = new Y.Doc();
    const update = updateFrom(server, (doc) =>
      doc.getXmlFragment('draft').insert(0, [pp('text', 'bracket--a1b2c3d4')]),
    );
    expect(violationIn(server, update)).toBeNull();
  });

  it('refuses an unknown node appended after existing draft content', () => {
    const server = new Y.Doc();
    Y.applyUpdate(
      server,
      updateFrom(server, (doc) => doc.getXmlFragment('draft').insert(0, [pp('Recognizing')])),
    );
    // Inserted after an existing item: the encoding names its origin, not its parent.
    const update = updateFrom(server, (doc) => doc.getXmlFragment('draft').insert(1, [new Y.XmlElement('iframe')]));
    expect(violationIn(server, update)).toMatch(/iframe/);
  });

  it('refuses an unknown node nested deep inside existing draft content', () => {
    const server = new Y.Doc();
    Y.applyUpdate(
      server,
      updateFrom(server, (doc) => doc.getXmlFragment('draft').insert(0, [pp('Recognizing')])),
    );
    const update = updateFrom(server, (doc) => {
      const body = (doc.getXmlFragment('draft').get(0) as Y.XmlElement).get(0) as Y.XmlElement;
      body.insert(1, [new Y.XmlElement('object')]);
    });
    expect(violationIn(server, update)).toMatch(/object/);
  });

  it('leaves other top-level types alone', () => {
    const server = new Y.Doc();
    const update = updateFrom(server, (doc) => {
      doc.getXmlFragment('notes').insert(0, [new Y.XmlElement('anything')]);
      doc.getText('t').insert(0, 'x', { whatever: true });
    });
    expect(violationIn(server, update)).toBeNull();
  });

  it('tells other types apart through origins and parents in the live document', () => {
    const server = new Y.Doc();
    Y.applyUpdate(
      server,
      updateFrom(server, (doc) => doc.getXmlFragment('notes').insert(0, [pp('note')])),
    );
    const update = updateFrom(server, (doc) => {
      const notes = doc.getXmlFragment('notes');
      notes.insert(1, [new Y.XmlElement('aside')]);
      ((notes.get(0) as Y.XmlElement).get(0) as Y.XmlElement).insert(1, [new Y.XmlElement('aside')]);
    });
    expect(violationIn(server, update)).toBeNull();
  });

  it('throws on an update that does not decode', () => {
    expect(() => violationIn(new Y.Doc(), new Uint8Array([1, 2, 3, 255, 255]))).toThrow();
  });
});

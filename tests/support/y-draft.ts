import * as Y from 'yjs';

/**
 * The text of the `index`-th clause named `kind` ("pp", "op") in a Y.Doc's `draft` fragment, in
 * document order: the first text of its body, as y-prosemirror stores it.
 */
export function clauseYText(doc: Y.Doc, kind: 'pp' | 'op', index: number): Y.XmlText {
  const clauses = [
    ...doc.getXmlFragment('draft').createTreeWalker((el) => el instanceof Y.XmlElement && el.nodeName === kind),
  ];
  const clause = clauses[index];
  if (!(clause instanceof Y.XmlElement)) throw new Error(`no ${kind} number ${index + 1} in the draft`);
  const body = clause.get(0);
  if (!(body instanceof Y.XmlElement) || body.nodeName !== 'body') throw new Error(`${kind} ${index + 1} has no body`);
  const text = body.get(0);
  if (!(text instanceof Y.XmlText)) throw new Error(`${kind} ${index + 1} has no text`);
  return text;
}

/** Appends `text` to the end of the clause's own text. */
export function appendToClause(doc: Y.Doc, kind: 'pp' | 'op', index: number, text: string): void {
  const target = clauseYText(doc, kind, index);
  target.insert(target.length, text);
}

import type { PositionsView } from '@plenary/schema';
import * as Y from 'yjs';
import { callApi } from './api.js';
import type { TestServer } from './server.js';
import { clauseYText } from './y-draft.js';

/** Brackets `length` characters from `from` of the clause's text with bracket mark `id`, as y-prosemirror writes it. */
export function bracketText(doc: Y.Doc, kind: 'pp' | 'op', index: number, from: number, length: number, id: string) {
  clauseYText(doc, kind, index).format(from, length, { bracket: { id } });
}

/** The `index`-th clause element named `kind` in the draft. */
export function clauseElement(doc: Y.Doc, kind: 'pp' | 'op', index: number): Y.XmlElement {
  const clauses = [
    ...doc.getXmlFragment('draft').createTreeWalker((el) => el instanceof Y.XmlElement && el.nodeName === kind),
  ];
  const clause = clauses[index];
  if (!(clause instanceof Y.XmlElement)) throw new Error(`no ${kind} number ${index + 1}`);
  return clause;
}

function alternative(id: string, text: string): Y.XmlElement {
  const element = new Y.XmlElement('alternative');
  element.setAttribute('id', id);
  const body = new Y.XmlElement('body');
  body.insert(0, [new Y.XmlText(text)]);
  element.insert(0, [body]);
  return element;
}

/**
 * Turns the clause's body into alternatives `groupId` as the editor does: its text as the first
 * (`originalId`), then one alternative per entry of `added`.
 */
export function makeAlternatives(
  doc: Y.Doc,
  kind: 'pp' | 'op',
  index: number,
  groupId: string,
  originalId: string,
  added: readonly { id: string; text: string }[],
): void {
  doc.transact(() => {
    const clause = clauseElement(doc, kind, index);
    const text = clauseYText(doc, kind, index).toString();
    const group = new Y.XmlElement('alternatives');
    group.setAttribute('id', groupId);
    group.insert(0, [alternative(originalId, text), ...added.map((a) => alternative(a.id, a.text))]);
    clause.delete(0, 1);
    clause.insert(0, [group]);
  });
}

/** Adds one alternative to the alternatives of the clause. */
export function addAlternative(doc: Y.Doc, kind: 'pp' | 'op', index: number, id: string, text: string): void {
  const group = clauseElement(doc, kind, index).get(0);
  if (!(group instanceof Y.XmlElement) || group.nodeName !== 'alternatives') throw new Error('no alternatives');
  group.insert(group.length, [alternative(id, text)]);
}

/** The room's positions over `GET /api/rooms/<room>/positions`. */
export async function readPositions(server: TestServer, room: string, token: string): Promise<PositionsView> {
  const answer = await callApi(server, 'GET', `rooms/${room}/positions`, token);
  if (answer.status !== 200) throw new Error(`reading positions answered ${answer.status}`);
  return answer.body as PositionsView;
}

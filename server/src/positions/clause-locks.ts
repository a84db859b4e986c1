import { isClauseNodeName, isLockedStatus, readId, readStatus } from '@plenary/schema';
import * as Y from 'yjs';

/** Whether `type` is a clause element (PP, OP, sub-paragraph, point). */
export function isClauseElement(type: unknown): type is Y.XmlElement {
  return type instanceof Y.XmlElement && isClauseNodeName(type.nodeName);
}

/** The type holding `type` in the document, or null at a root. */
function parentOf(type: Y.AbstractType<unknown>): Y.AbstractType<unknown> | null {
  const parent: unknown = type._item?.parent ?? null;
  return parent instanceof Y.AbstractType ? (parent as Y.AbstractType<unknown>) : null;
}

/**
 * The locked clause `type` belongs to: itself or its nearest ancestor clause whose status is
 * agreed or agreed ad ref (an agreed OP locks its sub-paragraphs too), else null.
 */
export function lockingClause(type: Y.AbstractType<unknown>): Y.XmlElement | null {
  for (let current: Y.AbstractType<unknown> | null = type; current; current = parentOf(current)) {
    if (isClauseElement(current) && isLockedStatus(current.getAttribute('status'))) return current;
  }
  return null;
}

/** Whether `element` or a clause inside it is locked. */
export function holdsLockedClause(element: Y.XmlElement): boolean {
  if (isClauseElement(element) && isLockedStatus(element.getAttribute('status'))) return true;
  return element.toArray().some((child) => child instanceof Y.XmlElement && holdsLockedClause(child));
}

/** The clause element with id `id` still in `fragment`, or null. */
export function findClauseElement(fragment: Y.XmlFragment, id: string): Y.XmlElement | null {
  return findElement(fragment, (element) => isClauseElement(element) && readId(element.getAttribute('id')) === id);
}

/** The first element under `parent` (depth first, in document order) that `matches`, or null. */
export function findElement(
  parent: Y.XmlFragment | Y.XmlElement,
  matches: (element: Y.XmlElement) => boolean,
): Y.XmlElement | null {
  for (const child of parent.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    if (matches(child)) return child;
    const found = findElement(child, matches);
    if (found) return found;
  }
  return null;
}

/** The label a clause's status is spoken with in refusals ("agreed ad ref."). */
export function statusWords(status: unknown): string {
  return readStatus(status) === 'agreed-ad-ref' ? 'agreed ad referendum' : readStatus(status).replace('-', ' ');
}

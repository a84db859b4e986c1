import { docFromJSON, numberClauses } from '@plenary/schema';
import { getTemplate } from '@plenary/templates';
import type { Node as PMNode } from 'prosemirror-model';

/** One line of a template preview: a section heading or a labelled clause. */
export interface OutlineLine {
  readonly kind: 'heading' | 'clause';
  readonly label: string;
  readonly text: string;
  /** Nesting: 0 for PPs, OPs and headings, 1 for (a), 2 for (i). */
  readonly level: number;
}

function clauseText(node: PMNode): string {
  const first = node.firstChild;
  if (!first) return '';
  if (first.type.name === 'alternatives') return `Alt 1: ${first.firstChild?.textContent ?? ''}`;
  return first.textContent;
}

/**
 * The preview of a template: its headings and clauses with their labels, as they will read in
 * the new room. Empty for an unknown id.
 */
export function templateOutline(id: string): OutlineLine[] {
  const template = getTemplate(id);
  if (!template) return [];
  const doc = docFromJSON(template.content);
  const labels = new Map(numberClauses(doc).map((n) => [n.pos, n]));
  const out: OutlineLine[] = [];
  doc.descendants((node, pos) => {
    if (node.type.name === 'heading') {
      out.push({ kind: 'heading', label: '', text: node.textContent, level: 0 });
      return false;
    }
    const number = labels.get(pos);
    if (number) {
      const level = number.kind === 'subparagraph' ? 1 : number.kind === 'subsubparagraph' ? 2 : 0;
      out.push({
        kind: 'clause',
        label: level === 0 ? number.label : `(${number.number})`,
        text: clauseText(node),
        level,
      });
      return true;
    }
    return node.type.name !== 'body' && node.type.name !== 'paragraph';
  });
  return out;
}
